import { browserEncodes, type BrowserEngine } from '../shared/encoder-route';
import type { TileSpec } from '../shared/pyramid';
import type { RowBytes, RowHelper, RowJob, RowSpec } from '../shared/row-job';

/**
 * Tile rows encoded by the browser's own JPEG encoder (OffscreenCanvas.convertToBlob) in this worker:
 * opaque sRGB pixels put as they are, quality q/100 (which maps 1:1 to libvips' Q, measured). Rows it
 * would not encode like libvips (see browserEncodes), and rows that must stack into a whole level, it
 * does not accept: libvips encodes them where they are, with no copy of their pixels.
 */
export class BrowserRowEncoder implements RowHelper {
  private readonly canvases = new Map<string, OffscreenCanvasRenderingContext2D>();

  constructor(private readonly engine: BrowserEngine) {}

  ready(): Promise<void> {
    return Promise.resolve();
  }

  accepts(spec: RowSpec, bands: number): boolean {
    return !spec.wholeRow && spec.formats.every((f) => browserEncodes(this.engine, f, bands, spec.quality));
  }

  async encodeRow(job: RowJob): Promise<RowBytes[]> {
    const image = rgbaRow(job);
    // Each call snapshots the canvas, so one canvas per tile shape serves a whole row in flight.
    const blobs = job.tiles.map((tile) => this.encodeTile(image, tile, job.tileSize, job.quality));
    const tiles = await Promise.all(blobs.map(async (b) => new Uint8Array(await (await b).arrayBuffer())));
    return job.formats.map(() => ({ tiles }));
  }

  release(): void {}

  private encodeTile(image: ImageData, tile: TileSpec, tileSize: number, quality: number): Promise<Blob> {
    const key = `${tile.tw}x${tile.th}`;
    let context = this.canvases.get(key);
    if (!context) {
      const made = new OffscreenCanvas(tile.tw, tile.th).getContext('2d', { alpha: false });
      if (!made) throw new Error('OffscreenCanvas has no 2D context here');
      context = made;
      this.canvases.set(key, context);
    }
    const x = tile.col * tileSize;
    context.putImageData(image, -x, 0, x, 0, tile.tw, tile.th);
    return context.canvas.convertToBlob({ type: 'image/jpeg', quality: quality / 100 });
  }
}

/** A row's RGB pixels as opaque RGBA, the only layout ImageData has. */
function rgbaRow(job: RowJob): ImageData {
  const { pixels, width, height } = job;
  const out = new Uint8ClampedArray(width * height * 4);
  const words = new Uint32Array(out.buffer);
  // Little-endian words: 0xAABBGGRR.
  for (let i = 0, j = 0; i < words.length; i++, j += 3) {
    words[i] = 0xff000000 | (pixels[j + 2]! << 16) | (pixels[j + 1]! << 8) | pixels[j]!;
  }
  return new ImageData(out, width, height);
}

import sharp from 'sharp';
import type Vips from 'wasm-vips';
import { describe, expect, it } from 'vitest';
import { tileRow } from '../src/shared/pyramid';
import { restartIntervalFor, splitStripJpeg } from '../src/worker/engine/jpeg-restart-split';
import { encodeTileRow } from '../src/worker/engine/tile-row-encoder';
import { nodeVips } from './node-vips';

/** Smooth noise with detail in every 8×8 block, so that a misplaced segment cannot decode to the same pixels. */
async function noiseStrip(vips: typeof Vips, width: number, height: number, bands: 1 | 3): Promise<Vips.Image> {
  const raw = await sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 50 } },
  })
    .blur(0.8)
    .raw()
    .toBuffer();
  const rgb = vips.Image.newFromMemory(raw, width, height, 3, vips.BandFormat.uchar);
  const image = bands === 1 ? rgb.extractBand(1).copy({ interpretation: 'b-w' }).copyMemory() : rgb.copyMemory();
  rgb.delete();
  return image;
}

async function pixels(jpeg: Uint8Array) {
  return sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
}

describe('splitStripJpeg', () => {
  it.each([
    ['4:2:0 colour (Q 85), full-height row', 1024, 256, 3, 85, 256],
    ['4:4:4 colour (Q 95), 8 px MCUs and two intervals a tile', 768, 256, 3, 95, 256],
    ['greyscale, a short last row', 512, 77, 1, 85, 256],
    ['512 px tiles, an odd height', 1536, 301, 3, 85, 512],
    ['one tile', 256, 9, 3, 40, 256],
  ] as const)(
    '%s: every tile decodes to exactly the pixels of the tile encoded alone',
    async (_, width, height, bands, Q, T) => {
      const vips = await nodeVips();
      const strip = await noiseStrip(vips, width, height, bands);
      const joined = strip.jpegsaveBuffer({ Q, keep: 0, restart_interval: restartIntervalFor(T) });
      const tiles = splitStripJpeg(joined, T);
      expect(tiles).toHaveLength(width / T);
      for (const [col, tile] of tiles.entries()) {
        const region = strip.crop(col * T, 0, T, height);
        const alone = region.jpegsaveBuffer({ Q, keep: 0 });
        region.delete();
        const [got, want] = await Promise.all([pixels(tile), pixels(alone)]);
        expect(got.info).toMatchObject({ width: T, height });
        expect((await sharp(tile).metadata()).channels).toBe(bands);
        expect(Buffer.compare(got.data, want.data), `tile ${col}`).toBe(0);
        // The markers cost 2 bytes and at most one padding byte per interval (at most one per 128×8 px),
        // and the DRI segment 6 bytes.
        const intervals = (Math.ceil(height / 8) * T) / 128;
        expect(tile.length).toBeLessThanOrEqual(alone.length + 6 + 3 * intervals);
      }
      strip.delete();
    },
  );

  it('refuses a JPEG without restart markers, a progressive one, and widths the intervals do not cut', async () => {
    const vips = await nodeVips();
    const strip = await noiseStrip(vips, 512, 32, 3);
    expect(() => splitStripJpeg(strip.jpegsaveBuffer({ Q: 85 }), 256)).toThrow(/restart interval/);
    expect(() => splitStripJpeg(strip.jpegsaveBuffer({ Q: 85, interlace: true, restart_interval: 16 }), 256)).toThrow(
      /baseline/,
    );
    expect(() => splitStripJpeg(strip.jpegsaveBuffer({ Q: 85, restart_interval: 16 }), 384)).toThrow(/do not cut/);
    expect(() => splitStripJpeg(strip.jpegsaveBuffer({ Q: 85, restart_interval: 16 }).subarray(0, 400), 256)).toThrow(
      /end marker|truncated/,
    );
    expect(() => restartIntervalFor(200)).toThrow(RangeError);
    strip.delete();
  });
});

describe('encodeTileRow', () => {
  it('cuts a row wider than one encoder run, plus a narrow last tile, into tiles identical to lone encodes', async () => {
    const vips = await nodeVips();
    // 9000 px: full tiles in runs of 8192 px and 512 px, then a 40 px last tile encoded alone.
    const strip = await noiseStrip(vips, 9000, 40, 3);
    const tiles = tileRow({ width: 9000, height: 40 }, 256, 1, 0);
    const encoded = encodeTileRow(strip, tiles, 256, 'jpg', 85);
    expect(encoded.map(([tile]) => tile)).toEqual(tiles);
    for (const [tile, bytes] of encoded) {
      const region = strip.crop(tile.col * 256, 0, tile.tw, tile.th);
      const alone = region.jpegsaveBuffer({ Q: 85, keep: 0 });
      region.delete();
      const [got, want] = await Promise.all([pixels(bytes), pixels(alone)]);
      expect([got.info.width, got.info.height]).toEqual([tile.tw, tile.th]);
      expect(Buffer.compare(got.data, want.data), `tile ${tile.col}`).toBe(0);
    }
    strip.delete();
  });
});

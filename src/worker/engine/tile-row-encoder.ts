import type Vips from 'wasm-vips';
import type { TileSpec } from '../../shared/pyramid';
import type { TileFormat } from '../../shared/settings';
import { restartIntervalFor, splitStripJpeg } from './jpeg-restart-split';

/**
 * Encodes one tile row of a level, `strip` being that row's pixels at the level's full width. JPEG
 * tiles of full width come from one encoder call cut at restart markers; a narrower last tile, and
 * WebP, are encoded one by one. Returns each tile with its bytes.
 */
export function encodeTileRow(
  strip: Vips.Image,
  tiles: TileSpec[],
  tileSize: number,
  format: TileFormat,
  quality: number,
): [TileSpec, Uint8Array][] {
  const full = format === 'jpg' ? tiles.filter((t) => t.tw === tileSize).length : 0;
  const joined = full > 0 ? jpegRow(strip, full * tileSize, tileSize, quality) : [];
  return tiles.map((tile, i) => {
    const bytes = joined[i];
    if (bytes) return [tile, bytes];
    const region = strip.crop(tile.col * tileSize, 0, tile.tw, tile.th);
    try {
      return [tile, encodeImage(region, format, quality)];
    } finally {
      region.delete();
    }
  });
}

/** Encodes a whole image (a tile, a size, full/max) in `format`, without metadata. */
export function encodeImage(image: Vips.Image, format: TileFormat, quality: number): Uint8Array {
  return format === 'webp'
    ? image.webpsaveBuffer({ Q: quality, keep: 0 })
    : image.jpegsaveBuffer({ Q: quality, keep: 0 });
}

/**
 * Widest run of tiles encoded in one call. Encoding one very wide JPEG grew wasm-vips' heap by 100 MB
 * or more per call at some widths (32768 to 40000 px, measured; 30000 and 50000 did not), up to its
 * 2 GiB limit; runs of 8192 px never grew it and keep nearly all of the saving.
 */
const MAX_RUN_WIDTH = 8192;

function jpegRow(strip: Vips.Image, width: number, tileSize: number, quality: number): Uint8Array[] {
  const tiles: Uint8Array[] = [];
  const run = Math.max(tileSize, Math.floor(MAX_RUN_WIDTH / tileSize) * tileSize);
  for (let x = 0; x < width; x += run) {
    const region = strip.crop(x, 0, Math.min(run, width - x), strip.height);
    try {
      const bytes = region.jpegsaveBuffer({ Q: quality, keep: 0, restart_interval: restartIntervalFor(tileSize) });
      tiles.push(...splitStripJpeg(bytes, tileSize));
    } finally {
      region.delete();
    }
  }
  return tiles;
}

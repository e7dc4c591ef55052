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

function jpegRow(strip: Vips.Image, width: number, tileSize: number, quality: number): Uint8Array[] {
  const region = width === strip.width ? strip : strip.crop(0, 0, width, strip.height);
  try {
    const bytes = region.jpegsaveBuffer({ Q: quality, keep: 0, restart_interval: restartIntervalFor(tileSize) });
    return splitStripJpeg(bytes, tileSize);
  } finally {
    if (region !== strip) region.delete();
  }
}

import type Vips from 'wasm-vips';
import type { TileSpec } from '../../shared/pyramid';
import type { RowSpec } from '../../shared/row-job';
import type { TileFormat } from '../../shared/settings';
import { cutTiles } from './jpeg-restart-split';
import { mcuWidthFor, readLayout, restartIntervalFor, type StripLayout } from './jpeg-strip-layout';

export interface EncodedRow {
  tiles: [TileSpec, Uint8Array][];
  /** The whole row as one JPEG, when asked for: rows of a level stack into the level's whole image. */
  row?: StripLayout;
}

/**
 * Encodes one tile row of a level, `strip` being that row's pixels at the level's full width. JPEG tiles
 * come from one encoder call per run of tiles, cut at restart markers; WebP tiles, and a narrower last
 * tile of a row that does not stack, are encoded one by one. With `wholeRow` (JPEG, see givesWholeRow)
 * the row is also returned as one JPEG whose rows stack into the level's whole image: the tiles' own run,
 * narrow last tile included, when its intervals allow (see MIN_ROW_INTERVAL_PX), else a second encode
 * with one interval per MCU row.
 */
export function encodeTileRow(
  strip: Vips.Image,
  tiles: TileSpec[],
  tileSize: number,
  format: TileFormat,
  quality: number,
  wholeRow = false,
): EncodedRow {
  const whole = wholeRow && format === 'jpg' && givesWholeRow(strip.width);
  const interval = whole ? stackingInterval(strip, tileSize, quality) : undefined;
  if (interval) {
    const row = encodeRun(strip, 0, strip.width, interval, quality);
    const cut = cutTiles(row, tileSize);
    return { tiles: tiles.map((tile, i) => [tile, cut[i] ?? missingTile(tile)]), row };
  }
  const full = format === 'jpg' ? tiles.filter((t) => t.tw === tileSize).length : 0;
  const joined = full > 0 ? jpegRow(strip, full * tileSize, tileSize, quality) : [];
  return {
    tiles: tiles.map((tile, i) => {
      const bytes = joined[i];
      if (bytes) return [tile, bytes];
      const region = strip.crop(tile.col * tileSize, 0, tile.tw, tile.th);
      try {
        return [tile, encodeImage(region, format, quality)];
      } finally {
        region.delete();
      }
    }),
    row: whole
      ? encodeRun(strip, 0, strip.width, Math.ceil(strip.width / mcuWidth(strip, quality)), quality)
      : undefined,
  };
}

/** Encodes a row in each of `spec.formats`, in that order (see encodeTileRow). */
export function encodeRowFormats(strip: Vips.Image, spec: RowSpec): EncodedRow[] {
  return spec.formats.map((f) => encodeTileRow(strip, spec.tiles, spec.tileSize, f, spec.quality, spec.wholeRow));
}

/** Whether encodeTileRow gives a JPEG row of a level `width` px wide when asked: up to one encoder run. */
export function givesWholeRow(width: number): boolean {
  return width <= MAX_RUN_WIDTH;
}

function missingTile(tile: TileSpec): never {
  throw new RangeError(`the row's JPEG has no tile at column ${tile.col}`);
}

/** Encodes a whole image (a tile, a size, full/max) in `format`, without metadata. */
export function encodeImage(image: Vips.Image, format: TileFormat, quality: number): Uint8Array {
  return format === 'webp'
    ? image.webpsaveBuffer({ Q: quality, keep: 0 })
    : image.jpegsaveBuffer({ Q: quality, keep: 0 });
}

/**
 * Narrowest restart interval a whole row is encoded with. Each interval costs a marker, padding and a
 * fresh DC value: at one every 16 px, flat images in the corpus grew by up to 35% (all by 2.9%).
 */
const MIN_ROW_INTERVAL_PX = 32;

/** The restart interval (MCUs) at which the tiles' own run of `strip` also stacks, if it is wide enough. */
function stackingInterval(strip: Vips.Image, tileSize: number, quality: number): number | undefined {
  const interval = restartIntervalFor(tileSize, strip.width, mcuWidth(strip, quality));
  const wideEnough = interval * mcuWidth(strip, quality) >= MIN_ROW_INTERVAL_PX || strip.width <= tileSize;
  return wideEnough ? interval : undefined;
}

function mcuWidth(strip: Vips.Image, quality: number): number {
  return mcuWidthFor(strip.bands, quality);
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
  const interval = restartIntervalFor(tileSize, run, mcuWidth(strip, quality));
  for (let x = 0; x < width; x += run) {
    tiles.push(...cutTiles(encodeRun(strip, x, Math.min(run, width - x), interval, quality), tileSize));
  }
  return tiles;
}

/** `width` px of `strip` from `x` as one JPEG with a restart marker every `interval` MCUs. */
function encodeRun(strip: Vips.Image, x: number, width: number, interval: number, quality: number): StripLayout {
  const region = x === 0 && width === strip.width ? strip : strip.crop(x, 0, width, strip.height);
  try {
    return readLayout(region.jpegsaveBuffer({ Q: quality, keep: 0, restart_interval: interval }));
  } finally {
    if (region !== strip) region.delete();
  }
}

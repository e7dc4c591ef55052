import type Vips from 'wasm-vips';
import { largestOffered, levelSize, maxSize, scaleFactors, tileCount } from '../../shared/pyramid';
import { encodingsFor, type TileSettings } from '../../shared/settings';
import { Level, type LevelContext } from './pyramid-level';
import type { RowOffload } from './row-offload';
import { materialise } from './strip-buffers';

type Image = Vips.Image;

/**
 * Where finished files go. `flush` takes what was put so far at once (before it awaits anything), and
 * at most one flush runs at a time, which bounds what waits in memory to two strips' files.
 */
export interface BundleSink {
  put(path: string, bytes: Uint8Array): void;
  flush(): Promise<void>;
  /** Forgets everything written for this image so far (before a second attempt). */
  clear(): Promise<void>;
}

/** An upright 8-bit image read top to bottom: each call gives the next rows, materialised, owned by the caller. */
export interface StripSource {
  width: number;
  height: number;
  strip(y: number, rows: number): Image | Promise<Image>;
}

/** A libvips image as strips (see StripSource). */
export function imageStrips(image: Image): StripSource {
  return {
    width: image.width,
    height: image.height,
    strip: (y, rows) => materialise(image.crop(0, y, image.width, rows)),
  };
}

export interface PyramidProgress {
  tilesDone: number;
  tilesTotal: number;
}

/** Rows with the helper at a time: enough to keep it busy while the owner decodes the next strip. */
const ROWS_IN_FLIGHT = 2;

/**
 * Writes every tile and whole-image size of an upright 8-bit image, reading it top to bottom once.
 * Each level keeps at most one tile row plus one incoming strip; each full tile row is written, then
 * halved (2×2 box, edges padded by copying) into the next level. Memory is bounded by width × a few rows.
 */
export async function writePyramid(
  source: StripSource,
  settings: TileSettings,
  sink: BundleSink,
  onProgress: (p: PyramidProgress) => void,
  offload?: RowOffload,
): Promise<void> {
  const image = { width: source.width, height: source.height };
  const ctx: LevelContext = { image, settings, formats: encodingsFor(settings), sink, tilesDone: 0, offload };
  const tilesTotal = tileCount(image, settings.tileSize);
  const top = buildLevels(ctx);
  const T = settings.tileSize;
  // One flush in flight while the next strip is decoded and encoded: storage commits (in another
  // process for IndexedDB) overlap the wasm work instead of stalling it; at most two strips wait.
  let writing: Promise<void> = Promise.resolve();
  const handOver = async () => {
    await writing;
    writing = sink.flush();
    // Rejections surface at the next await; this keeps an early one from being reported as unhandled.
    writing.catch(() => undefined);
    onProgress({ tilesDone: ctx.tilesDone, tilesTotal });
  };
  try {
    for (let y = 0; y < image.height; y += T) {
      const strip = source.strip(y, Math.min(T, image.height - y));
      // Awaited only when it is a promise (JPEG 2000): an extra turn would change when the helper joins.
      top.push(strip instanceof Promise ? await strip : strip);
      await offload?.drainTo(ROWS_IN_FLIGHT);
      await handOver();
    }
    top.finish();
    await offload?.drainTo(0);
    top.writeWholeLevels();
    await handOver();
  } finally {
    // Nothing of this image may still be writing once the call returns or throws (a retry clears first).
    await offload?.drainTo(0).catch(() => undefined);
    await writing.catch(() => undefined);
  }
  await writing;
}

function buildLevels(ctx: LevelContext): Level {
  const { image, settings } = ctx;
  const source = largestOffered(image, settings.tileSize, settings.maxSide);
  const max = maxSize(image, settings.tileSize, settings.maxSide);
  let next: Level | null = null;
  for (const s of scaleFactors(image, settings.tileSize).reverse()) {
    const size = levelSize(image, s);
    const offered = Math.max(size.width, size.height) <= settings.maxSide;
    const givesMax = size.width === source.width && size.height === source.height;
    next = new Level(ctx, s, size, next, offered, givesMax ? max : null);
  }
  if (!next) throw new RangeError('a pyramid has at least one level');
  return next;
}

/** Pyramid geometry of a IIIF Image API 3 level-0 bundle: levels, tiles and sizes, all with ceil rounding. */

export interface Size {
  width: number;
  height: number;
}

/** One tile as a viewer requests it: region in full-resolution pixels, size in level pixels. */
export interface TileSpec {
  scaleFactor: number;
  col: number;
  row: number;
  x: number;
  y: number;
  w: number;
  h: number;
  tw: number;
  th: number;
}

/** Pixel size of the image at a scale factor: ceil, as OpenSeadragon and the IIIF validator compute it. */
export function levelSize(image: Size, scaleFactor: number): Size {
  return {
    width: Math.ceil(image.width / scaleFactor),
    height: Math.ceil(image.height / scaleFactor),
  };
}

/** Scale factors 1, 2, 4 … down to the first level where the whole image fits in one tile. */
export function scaleFactors(image: Size, tileSize: number): number[] {
  assertImageSize(image);
  const factors: number[] = [];
  for (let s = 1; ; s *= 2) {
    factors.push(s);
    const level = levelSize(image, s);
    if (level.width <= tileSize && level.height <= tileSize) return factors;
  }
}

/** The tiles of one level in row-major order, edge tiles clipped to the image. */
export function levelTiles(image: Size, tileSize: number, scaleFactor: number): TileSpec[] {
  const level = levelSize(image, scaleFactor);
  const tiles: TileSpec[] = [];
  for (let row = 0; row * tileSize < level.height; row++) {
    tiles.push(...tileRow(image, tileSize, scaleFactor, row));
  }
  return tiles;
}

/** The tiles of one row of one level. */
export function tileRow(image: Size, tileSize: number, scaleFactor: number, row: number): TileSpec[] {
  const level = levelSize(image, scaleFactor);
  const span = tileSize * scaleFactor;
  const y = row * span;
  const h = Math.min(span, image.height - y);
  const th = Math.min(tileSize, level.height - row * tileSize);
  const tiles: TileSpec[] = [];
  for (let col = 0; col * tileSize < level.width; col++) {
    const x = col * span;
    tiles.push({
      scaleFactor,
      col,
      row,
      x,
      y,
      w: Math.min(span, image.width - x),
      h,
      tw: Math.min(tileSize, level.width - col * tileSize),
      th,
    });
  }
  return tiles;
}

/** The path of a tile below the image id, in the canonical 3.0 form viewers request. */
export function tilePath(tile: TileSpec, format: string): string {
  return `${tile.x},${tile.y},${tile.w},${tile.h}/${tile.tw},${tile.th}/0/default.${format}`;
}

/** The path of a whole-image derivative at a listed size. */
export function sizePath(size: Size, format: string): string {
  return `full/${size.width},${size.height}/0/default.${format}`;
}

export const MAX_PATH_JPG = 'full/max/0/default.jpg';

/**
 * The levels offered as whole images (`sizes`): every level no larger than the cap on the long side.
 * When the image itself fits under the cap that is exactly one entry per scale factor; above it,
 * listing sizes beyond `maxWidth`/`maxHeight` would contradict them, so they are left out.
 */
export function offeredSizes(image: Size, tileSize: number, maxSide: number): Size[] {
  return scaleFactors(image, tileSize)
    .map((s) => levelSize(image, s))
    .filter((l) => Math.max(l.width, l.height) <= maxSide)
    .reverse();
}

/** The largest offered size: the level whose pixels `full/max` is made from. */
export function largestOffered(image: Size, tileSize: number, maxSide: number): Size {
  const sizes = offeredSizes(image, tileSize, maxSide);
  const largest = sizes[sizes.length - 1];
  if (!largest) throw new RangeError('no pyramid level fits under the size cap');
  return largest;
}

/**
 * The size a client computes for `full/max` from `maxWidth`/`maxHeight` (Image API 3, 4.2): the aspect
 * ratio kept within both limits, each side rounded to nearest, never below 1 px, never upscaled.
 * `tie` says which way an exact half rounds, since clients differ (JavaScript up, Python to even).
 */
export function sizeWithin(image: Size, limit: Size, tie: 'up' | 'down' = 'up'): Size {
  const scale = Math.min(limit.width / image.width, limit.height / image.height);
  if (scale >= 1) return { width: image.width, height: image.height };
  const round = (v: number) => {
    const r = Math.round(v);
    return tie === 'down' && Math.abs(r - v - 0.5) < 1e-9 ? r - 1 : r;
  };
  return { width: Math.max(1, round(image.width * scale)), height: Math.max(1, round(image.height * scale)) };
}

/** `full/max` as stored, and the `maxWidth`/`maxHeight` info.json declares for it. */
export interface FullMax {
  size: Size;
  limits: Size;
}

const sameSize = (a: Size, b: Size) => a.width === b.width && a.height === b.height;

/**
 * `full/max` exactly as a client computes it from the declared limits, whichever way it rounds halves. The
 * largest offered level's ceil rounding can differ from a client's rounding by a pixel (25200×33300 under
 * 4096 is the 1575×2082 level, whose limits compute to 1575×2081): then the stored size is the computed
 * one, resampled from that level, and the limits are that size when it computes to itself, else the level.
 */
export function fullMax(image: Size, tileSize: number, maxSide: number): FullMax {
  const level = largestOffered(image, tileSize, maxSide);
  if (sameSize(level, image)) return { size: level, limits: level };
  const up = sizeWithin(image, level, 'up');
  if (sameSize(up, sizeWithin(image, level, 'down'))) {
    const computesToItself = sameSize(sizeWithin(image, up, 'up'), up) && sameSize(sizeWithin(image, up, 'down'), up);
    return { size: up, limits: computesToItself ? up : level };
  }
  // An exact half: limits that compute to themselves, with no half, close below the level.
  const byWidth = bindingSide(image.width, image.height, level.width, level.height);
  const byHeight = bindingSide(image.height, image.width, level.height, level.width);
  const candidates = [
    ...(byWidth ? [{ width: byWidth[0], height: byWidth[1] }] : []),
    ...(byHeight ? [{ width: byHeight[1], height: byHeight[0] }] : []),
  ];
  const best = candidates.sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!best) throw new RangeError(`no full/max size fits ${level.width}×${level.height}`);
  return { size: best, limits: best };
}

/** The stored `full/max` (see fullMax). */
export const maxSize = (image: Size, tileSize: number, maxSide: number): Size => fullMax(image, tileSize, maxSide).size;

/**
 * The largest side A ≤ aMax (of an image side `a`) that can be the binding limit: the other side B, which a
 * client computes as round(b·A/a), is the same for either rounding of a half, is at most bMax, and is not
 * itself the tighter limit (B/b ≥ A/a). Exact in integers: b·A = q·a + r.
 */
function bindingSide(a: number, b: number, aMax: number, bMax: number): [number, number] | null {
  for (let A = aMax; A >= 1; A--) {
    const q = Math.floor((b * A) / a);
    const r = b * A - q * a;
    const up = Math.max(1, r > 0 && 2 * r >= a ? q + 1 : q);
    const down = Math.max(1, 2 * r > a ? q + 1 : q);
    if (up === down && up <= bMax && up * a >= b * A) return [A, up];
  }
  return null;
}

/** Total number of tiles in the pyramid, for progress. */
export function tileCount(image: Size, tileSize: number): number {
  return scaleFactors(image, tileSize).reduce((n, s) => {
    const l = levelSize(image, s);
    return n + Math.ceil(l.width / tileSize) * Math.ceil(l.height / tileSize);
  }, 0);
}

function assertImageSize(image: Size): void {
  if (!(Number.isInteger(image.width) && Number.isInteger(image.height) && image.width > 0 && image.height > 0)) {
    throw new RangeError(`invalid image size ${image.width}×${image.height}`);
  }
}

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

/** `full/max`: the largest offered size (the image itself when it fits under the cap). */
export function maxSize(image: Size, tileSize: number, maxSide: number): Size {
  const sizes = offeredSizes(image, tileSize, maxSide);
  const largest = sizes[sizes.length - 1];
  if (!largest) throw new RangeError('no pyramid level fits under the size cap');
  return largest;
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

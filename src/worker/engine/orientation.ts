import type Vips from 'wasm-vips';
import type { Size } from '../../shared/pyramid';

type Image = Vips.Image;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** EXIF orientations that turn the picture a quarter: the upright image has width and height swapped. */
export const swapsSides = (orientation: number) => orientation >= 5 && orientation <= 8;

/** The upright size of a stored image with this EXIF orientation. */
export function uprightSize(orientation: number, stored: Size): Size {
  return swapsSides(orientation) ? { width: stored.height, height: stored.width } : stored;
}

/**
 * Where the stored rows [y, y + rows) land in the upright image. Under 3 and 4 they stay whole rows
 * (in reverse order); under 5–8 they become a band of columns as tall as the upright image.
 */
export function uprightRect(orientation: number, stored: Size, y: number, rows: number): Rect {
  const fromBottom = stored.height - y - rows;
  switch (orientation) {
    case 1:
    case 2:
      return { x: 0, y, width: stored.width, height: rows };
    case 3:
    case 4:
      return { x: 0, y: fromBottom, width: stored.width, height: rows };
    case 5:
    case 8:
      return { x: y, y: 0, width: rows, height: stored.width };
    case 6:
    case 7:
      return { x: fromBottom, y: 0, width: rows, height: stored.width };
    default:
      throw new RangeError(`EXIF orientation ${orientation} does not exist`);
  }
}

/**
 * Turns a piece of the stored image upright, the same transform `autorot` applies to the whole: since each
 * is a rotation or mirror, the result is exactly the upright image's content on `uprightRect`.
 * Takes ownership of `strip`.
 */
export function orientStrip(strip: Image, orientation: number): Image {
  const steps: ((image: Image) => Image)[] = {
    1: [],
    2: [(i: Image) => i.flip('horizontal')],
    3: [(i: Image) => i.rot('d180')],
    4: [(i: Image) => i.flip('vertical')],
    5: [(i: Image) => i.rot('d90'), (i: Image) => i.flip('horizontal')],
    6: [(i: Image) => i.rot('d90')],
    7: [(i: Image) => i.rot('d270'), (i: Image) => i.flip('horizontal')],
    8: [(i: Image) => i.rot('d270')],
  }[orientation as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8];
  if (!steps) throw new RangeError(`EXIF orientation ${orientation} does not exist`);
  return steps.reduce((image, step) => {
    const next = step(image);
    image.delete();
    return next;
  }, strip);
}

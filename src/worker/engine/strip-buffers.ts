import type Vips from 'wasm-vips';

type Image = Vips.Image;

const MiB = 1024 * 1024;
/**
 * wasm-vips' allocator never reused freed blocks of about 12 to 15 MiB: copying and freeing a 14.6 MiB
 * strip (20000 px × 256 rows × RGB) grew the heap by 40 MB a time, up to its 2 GiB limit, while blocks
 * of 11.7 MiB and of 15.2 to 57 MiB were reused (measured in Node). A buffer whose size falls in this
 * range, with a margin, is allocated just above it instead.
 */
const UNREUSED_ABOVE = 10 * MiB;
const UNREUSED_UP_TO = 16 * MiB;

/** Rows an 8-bit buffer of this shape is given so the allocator reuses it, or null when its own size will do. */
function paddedRows(width: number, height: number, bands: number): number | null {
  const bytes = width * height * bands;
  if (bytes <= UNREUSED_ABOVE || bytes > UNREUSED_UP_TO) return null;
  return Math.ceil((UNREUSED_UP_TO + 1) / (width * bands));
}

/** Copies an 8-bit lazy image into memory, taking ownership of it (its handle is deleted). */
export function materialise(lazy: Image): Image {
  const { width, height, bands } = lazy;
  const rows = paddedRows(width, height, bands);
  if (rows === null) {
    const copy = lazy.copyMemory();
    lazy.delete();
    return copy;
  }
  // Black rows below make the buffer larger; the view hides them and keeps the buffer alive.
  const padded = lazy.embed(0, 0, width, rows);
  lazy.delete();
  const copy = padded.copyMemory();
  padded.delete();
  const view = copy.crop(0, 0, width, height);
  copy.delete();
  return view;
}

/** Pixels → an image in wasm memory; its buffer is sized so that the allocator reuses it (see above). */
export function imageFromPixels(vips: typeof Vips, pixels: Uint8Array, width: number, height: number, bands: number) {
  const rows = paddedRows(width, height, bands);
  if (rows === null) return vips.Image.newFromMemory(pixels, width, height, bands, vips.BandFormat.uchar);
  const padded = new Uint8Array(rows * width * bands);
  padded.set(pixels);
  const whole = vips.Image.newFromMemory(padded, width, rows, bands, vips.BandFormat.uchar);
  const view = whole.crop(0, 0, width, height);
  whole.delete();
  return view;
}

/**
 * `top` above `bottom`, taking ownership of both. The join stays lazy (it keeps the halves): copying it
 * into a new buffer per tile row grew the heap by about 100 MB a row at 36000 px, and reading it twice
 * costs little.
 */
export function joinRows(top: Image, bottom: Image): Image {
  const joined = top.join(bottom, 'vertical');
  top.delete();
  bottom.delete();
  return joined;
}

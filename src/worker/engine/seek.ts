/**
 * wasm-vips 0.0.19 hands seek offsets to JavaScript, and takes the new position back, as 32-bit ints:
 * past this, offsets arrive wrapped and positions cannot be reported. Reads carry no offset and work at
 * any position (measured past 4 GB), so only seeking is limited.
 */
export const SEEKABLE_BYTES = 2 ** 31 - 1;

/**
 * Where a seek request lands and what to answer libvips: -1 for a target outside the file or one the
 * answer cannot express. The length query (0 from the end) is the exception: libvips needs an answer to
 * treat the source as seekable, and it is capped, which the front-to-back loaders never notice.
 */
export function seek(position: number, size: number, offset: number, whence: number): [number, number] {
  const target = (whence === 1 ? position : whence === 2 ? size : 0) + offset;
  if (target < 0 || target > size) return [position, -1];
  if (whence === 2 && offset === 0) return [target, Math.min(target, SEEKABLE_BYTES)];
  if (target > SEEKABLE_BYTES) return [position, -1];
  return [target, target];
}

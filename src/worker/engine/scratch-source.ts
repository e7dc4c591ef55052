import type Vips from 'wasm-vips';
import type { ScratchFile } from './scratch-file';

const READ_AHEAD = 4 << 20;
/**
 * wasm-vips 0.0.19 passes seek offsets and results through 32-bit ints. Reads are not affected, and
 * libvips reads a PNM top to bottom after seeking only within its header, so any size streams; a
 * position past this cannot be reported and is refused, except the length query, which gets this cap.
 */
const INT32_MAX = 2 ** 31 - 1;

/** A libvips source over a scratch file, read through a read-ahead window (libvips asks for rows). */
export function scratchSource(vips: typeof Vips, file: ScratchFile): Vips.SourceCustom {
  const window = new Uint8Array(READ_AHEAD);
  let windowStart = 0;
  let windowLength = 0;
  let position = 0;
  const source = new vips.SourceCustom();
  source.onRead = (length) => {
    if (position >= file.size) return undefined;
    if (position < windowStart || position >= windowStart + windowLength) {
      windowStart = position;
      windowLength = file.read(window.subarray(0, Math.min(READ_AHEAD, file.size - position)), position);
      if (windowLength === 0) return undefined;
    }
    const offset = position - windowStart;
    // wasm-vips copies the bytes before this returns, so the window can be reused.
    const chunk = window.subarray(offset, Math.min(windowLength, offset + length));
    position += chunk.length;
    return chunk;
  };
  source.onSeek = (offset, whence) => {
    const target = (whence === 1 ? position : whence === 2 ? file.size : 0) + offset;
    if (target < 0 || target > file.size) return -1;
    if (whence === 2 && offset === 0) {
      position = target;
      return Math.min(target, INT32_MAX);
    }
    if (target > INT32_MAX) return -1;
    position = target;
    return target;
  };
  return source;
}

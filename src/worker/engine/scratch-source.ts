import type Vips from 'wasm-vips';
import type { ScratchFile } from './scratch-file';
import { seek } from './seek';

const READ_AHEAD = 4 << 20;

/**
 * A libvips source over a scratch file, read through a read-ahead window (libvips asks for rows). ppmload
 * seeks only within the PNM header, then reads front to back: scratch files past 4 GB stream (see seek.ts).
 */
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
    const [next, answer] = seek(position, file.size, offset, whence);
    position = next;
    return answer;
  };
  return source;
}

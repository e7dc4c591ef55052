import { readSync } from 'node:fs';
import type Vips from 'wasm-vips';
import { seek } from '../worker/engine/seek';

const READ_AHEAD = 1 << 20;

/**
 * A libvips source reading an open file through a read-ahead window, as the browser reads a File. For
 * JPEG, `Source.newFromFile` makes libvips copy the whole file into wasm memory (measured: 162 MiB more
 * for a 124 MB JPEG), and past 2 GiB that copy aborts the engine; this source keeps only the window.
 */
export function fsSource(vips: typeof Vips, fd: number, size: number): Vips.SourceCustom {
  const window = new Uint8Array(READ_AHEAD);
  let windowStart = 0;
  let windowLength = 0;
  let position = 0;
  const source = new vips.SourceCustom();
  source.onRead = (length) => {
    if (position >= size) return undefined;
    if (position < windowStart || position >= windowStart + windowLength) {
      windowStart = position;
      windowLength = readSync(fd, window, 0, Math.min(READ_AHEAD, size - position), position);
      if (windowLength === 0) return undefined;
    }
    const offset = position - windowStart;
    // wasm-vips copies the bytes before this returns, so the window can be reused.
    const chunk = window.subarray(offset, Math.min(windowLength, offset + length));
    position += chunk.length;
    return chunk;
  };
  source.onSeek = (offset, whence) => {
    const [next, answer] = seek(position, size, offset, whence);
    position = next;
    return answer;
  };
  return source;
}

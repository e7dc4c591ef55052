import type Vips from 'wasm-vips';
import type { ReadBytes } from '../../shared/read-bytes';
import { seek } from './seek';

/** Fills `into` from byte `position` of the underlying file; returns how many bytes it read. */
export type ReadAt = (into: Uint8Array, position: number) => number;

/**
 * A libvips source over any random-access file, read through a read-ahead window of `windowBytes`:
 * libvips asks for small pieces, and only the window is ever in memory. The browser's File, the CLI's
 * file descriptors and scratch files all go through it, with the same seek rule (see seek.ts).
 */
export function windowedSource(vips: typeof Vips, size: number, readAt: ReadAt, windowBytes: number) {
  const window = new Uint8Array(windowBytes);
  let windowStart = 0;
  let windowLength = 0;
  let position = 0;
  const source = new vips.SourceCustom();
  source.onRead = (length) => {
    if (position >= size) return undefined;
    if (position < windowStart || position >= windowStart + windowLength) {
      windowStart = position;
      windowLength = readAt(window.subarray(0, Math.min(windowBytes, size - position)), position);
      if (windowLength === 0) return undefined;
    }
    const offset = position - windowStart;
    // wasm-vips copies the bytes before this returns, so the window can be reused.
    const chunk = window.subarray(offset, Math.min(windowLength, offset + length));
    position += chunk.length;
    return chunk;
  };
  source.onSeek = (offset, whence) => {
    // Past the end is an error, not a clamp: libheif probes the file size by seeking beyond it.
    const [next, answer] = seek(position, size, offset, whence);
    position = next;
    return answer;
  };
  return source;
}

/** `readAt` as a function that returns the bytes it read (fewer at the end of the file). */
export function readBytes(readAt: ReadAt, byteLength: number): ReadBytes {
  return (position, length) => {
    const bytes = new Uint8Array(Math.max(0, Math.min(length, byteLength - position)));
    let at = 0;
    for (let got = -1; at < bytes.length && got !== 0; at += got) got = readAt(bytes.subarray(at), position + at);
    return bytes.subarray(0, at);
  };
}

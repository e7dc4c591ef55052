import type Vips from 'wasm-vips';
import { windowedSource, type ReadAt } from './windowed-source';

const READ_AHEAD = 1 << 20;

/**
 * Files up to this size are read whole: libvips reads a custom source 4 KiB at a time, each read a round
 * trip from its decoding thread to this one, which cost 150 of the 420 ms it took to decode a 4.8 MB,
 * 20-megapixel JPEG in the browser. Larger files stream, so memory stays bounded.
 */
export const WHOLE_READ_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Opens a file of `size` bytes as a libvips source each time it is called. A small file is read once,
 * whole; a larger one is read through a 1 MiB read-ahead window, since libvips asks for small pieces.
 */
export function sourceOpener(
  vips: typeof Vips,
  size: number,
  readAt: ReadAt,
  wholeReadMaxBytes = WHOLE_READ_MAX_BYTES,
): () => Vips.Source {
  if (size > wholeReadMaxBytes) return () => windowedSource(vips, size, readAt, READ_AHEAD);
  let bytes: Uint8Array | undefined;
  return () => vips.Source.newFromMemory((bytes ??= readWhole(size, readAt)));
}

/** Up to `size` bytes from the start; fewer if the file ended early (it then decodes as truncated). */
function readWhole(size: number, readAt: ReadAt): Uint8Array {
  const bytes = new Uint8Array(size);
  let at = 0;
  for (let read = -1; at < size && read !== 0; at += read) read = readAt(bytes.subarray(at), at);
  return bytes.subarray(0, at);
}

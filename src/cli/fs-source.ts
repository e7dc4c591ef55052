import { readSync } from 'node:fs';
import type Vips from 'wasm-vips';
import { sourceOpener, WHOLE_READ_MAX_BYTES } from '../worker/engine/source-opener';
import type { ReadAt } from '../worker/engine/windowed-source';

/**
 * Opens an open file as a libvips source, as the browser opens a File: small files read whole, larger
 * ones through a read-ahead window. For JPEG, `Source.newFromFile` makes libvips copy the whole file into
 * wasm memory (measured: 162 MiB more for a 124 MB JPEG), and past 2 GiB that copy aborts the engine.
 */
/** Reads an open file at any position. */
export const fsReadAt =
  (fd: number): ReadAt =>
  (into, position) =>
    readSync(fd, into, 0, into.length, position);

export function fsSourceOpener(
  vips: typeof Vips,
  fd: number,
  size: number,
  wholeReadMaxBytes = WHOLE_READ_MAX_BYTES,
): () => Vips.Source {
  return sourceOpener(vips, size, fsReadAt(fd), wholeReadMaxBytes);
}

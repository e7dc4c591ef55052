import { readSync } from 'node:fs';
import type Vips from 'wasm-vips';
import { windowedSource } from '../worker/engine/windowed-source';

const READ_AHEAD = 1 << 20;

/**
 * A libvips source reading an open file through a read-ahead window, as the browser reads a File. For
 * JPEG, `Source.newFromFile` makes libvips copy the whole file into wasm memory (measured: 162 MiB more
 * for a 124 MB JPEG), and past 2 GiB that copy aborts the engine; this source keeps only the window.
 */
export function fsSource(vips: typeof Vips, fd: number, size: number): Vips.SourceCustom {
  return windowedSource(vips, size, (into, position) => readSync(fd, into, 0, into.length, position), READ_AHEAD);
}

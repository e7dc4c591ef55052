import type Vips from 'wasm-vips';
import type { ScratchFile } from './scratch-file';
import { windowedSource } from './windowed-source';

const READ_AHEAD = 4 << 20;

/**
 * A libvips source over a scratch file, read through a read-ahead window (libvips asks for rows). ppmload
 * seeks only within the PNM header, then reads front to back: scratch files past 4 GB stream (see seek.ts).
 */
export function scratchSource(vips: typeof Vips, file: ScratchFile): Vips.SourceCustom {
  return windowedSource(vips, file.size, (into, position) => file.read(into, position), READ_AHEAD);
}

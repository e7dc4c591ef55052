import type Vips from 'wasm-vips';
import { windowedSource } from './engine/windowed-source';

const READ_AHEAD = 1 << 20;

/**
 * A libvips source reading a File on demand through FileReaderSync, so a large file is never held
 * whole in memory. Reads go through a 1 MiB read-ahead window: libvips asks for small pieces.
 */
export function fileSource(vips: typeof Vips, file: File): Vips.SourceCustom {
  const reader = new FileReaderSync();
  return windowedSource(
    vips,
    file.size,
    (into, position) => {
      const bytes = new Uint8Array(reader.readAsArrayBuffer(file.slice(position, position + into.length)));
      into.set(bytes);
      return bytes.length;
    },
    READ_AHEAD,
  );
}

/** The first bytes of a file, for sniffing its format. */
export async function fileHead(file: File, length: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, length).arrayBuffer());
}

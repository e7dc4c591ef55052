import type Vips from 'wasm-vips';
import { sourceOpener } from './engine/source-opener';
import type { ReadAt } from './engine/windowed-source';

/** Reads `file` at any position through FileReaderSync (workers only). */
export function fileReadAt(file: File): ReadAt {
  const reader = new FileReaderSync();
  return (into, position) => {
    const bytes = new Uint8Array(reader.readAsArrayBuffer(file.slice(position, position + into.length)));
    into.set(bytes);
    return bytes.length;
  };
}

/** Opens `file` as a libvips source each time it is called (see sourceOpener). */
export function fileSourceOpener(vips: typeof Vips, file: File): () => Vips.Source {
  return sourceOpener(vips, file.size, fileReadAt(file));
}

/** The first bytes of a file, for sniffing its format. */
export async function fileHead(file: File, length: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, length).arrayBuffer());
}

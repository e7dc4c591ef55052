import type Vips from 'wasm-vips';
import { sourceOpener } from './engine/source-opener';

/** Opens `file` as a libvips source each time it is called (see sourceOpener), reading it through FileReaderSync. */
export function fileSourceOpener(vips: typeof Vips, file: File): () => Vips.Source {
  const reader = new FileReaderSync();
  return sourceOpener(vips, file.size, (into, position) => {
    const bytes = new Uint8Array(reader.readAsArrayBuffer(file.slice(position, position + into.length)));
    into.set(bytes);
    return bytes.length;
  });
}

/** The first bytes of a file, for sniffing its format. */
export async function fileHead(file: File, length: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, length).arrayBuffer());
}

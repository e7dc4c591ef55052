import type Vips from 'wasm-vips';
import { windowedSource } from './engine/windowed-source';

const READ_AHEAD = 1 << 20;

/**
 * Files up to this size are read whole instead: libvips reads a custom source 4 KiB at a time, each
 * read a round trip from its decoding thread to this one, which cost 150 of the 420 ms it took to
 * decode a 4.8 MB, 20-megapixel JPEG. Larger files stream, so memory stays bounded.
 */
const WHOLE_READ_MAX_BYTES = 32 * 1024 * 1024;

/** Opens `file` as a libvips source each time it is called, reading a small file only once. */
export function fileSourceOpener(vips: typeof Vips, file: File): () => Vips.Source {
  if (file.size > WHOLE_READ_MAX_BYTES) return () => fileSource(vips, file);
  let bytes: Uint8Array | undefined;
  return () => vips.Source.newFromMemory((bytes ??= new Uint8Array(new FileReaderSync().readAsArrayBuffer(file))));
}

/**
 * A libvips source reading a File on demand through FileReaderSync, so a large file is never held
 * whole in memory. Reads go through a 1 MiB read-ahead window: libvips asks for small pieces.
 */
function fileSource(vips: typeof Vips, file: File): Vips.SourceCustom {
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

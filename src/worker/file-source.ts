import type Vips from 'wasm-vips';
import { seek } from './engine/seek';

const READ_AHEAD = 1 << 20;

/**
 * A libvips source reading a File on demand through FileReaderSync, so a large file is never held
 * whole in memory. Reads go through a 1 MiB read-ahead window: libvips asks for small pieces.
 */
export function fileSource(vips: typeof Vips, file: File): Vips.SourceCustom {
  const reader = new FileReaderSync();
  let position = 0;
  let windowStart = 0;
  let window = new Uint8Array(0);
  const source = new vips.SourceCustom();
  source.onRead = (length) => {
    if (position >= file.size) return undefined;
    if (position < windowStart || position >= windowStart + window.length) {
      windowStart = position;
      const end = Math.min(file.size, position + Math.max(length, READ_AHEAD));
      window = new Uint8Array(reader.readAsArrayBuffer(file.slice(position, end)));
    }
    const offset = position - windowStart;
    const chunk = window.subarray(offset, Math.min(window.length, offset + length));
    position += chunk.length;
    return chunk;
  };
  source.onSeek = (offset, whence) => {
    // Past the end is an error, not a clamp: libheif probes the file size by seeking beyond it.
    const [next, answer] = seek(position, file.size, offset, whence);
    position = next;
    return answer;
  };
  return source;
}

/** The first bytes of a file, for sniffing its format. */
export async function fileHead(file: File, length: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, length).arrayBuffer());
}

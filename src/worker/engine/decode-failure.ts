import type { ImageFormat } from '../../shared/sniff';
import { TileError } from '../../shared/tile-error';
import { vipsErrorText } from './vips-error';

const TRUNCATED = /premature end|unexpected end|truncat|end of (file|data)|not enough data|short read|out of data/i;
const CORRUPT =
  /corrupt|read error|crc|invalid|bad huffman|bogus|damaged|incorrect|illegal|unsupported marker|unable to parse/i;
/** libvips refusing a file whose first bytes are the format's signature: its structure is broken. */
const UNRECOGNISED = /not in a known format/i;

/** Names what went wrong while decoding: damage (truncated, corrupt), an engine crash, or a plain failure. */
export function decodeFailure(error: unknown, format: ImageFormat): TileError {
  if (error instanceof TileError) return error;
  const name = format.toUpperCase();
  // A trap inside wasm leaves libvips unusable: the worker's owner replaces the worker.
  if (error instanceof WebAssembly.RuntimeError) {
    return new TileError('EngineCrashed', `The image engine crashed on this ${name} (${error.message})`);
  }
  const text = specificLines(vipsErrorText(error));
  // libjpeg's "Corrupt JPEG data: premature end of data segment" is corruption, not a short file.
  if (/corrupt/i.test(text)) return new TileError('Damaged', `Corrupt ${name} data: ${text}`);
  if (TRUNCATED.test(text)) return new TileError('Damaged', `Truncated ${name}: ${text}`);
  if (UNRECOGNISED.test(text)) {
    return new TileError(
      'Damaged',
      `Corrupt ${name} data: it starts as ${name} but cannot be read (truncated or damaged)`,
    );
  }
  if (CORRUPT.test(text)) return new TileError('Damaged', `Corrupt ${name} data: ${text}`);
  return new TileError('DecodeFailed', `Cannot decode this ${name}: ${text}`);
}

/** libvips stacks messages, most general first ("unable to call …"): keep the ones that say what happened. */
function specificLines(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const specific = lines.filter((line) => !/^unable to /i.test(line));
  return [...new Set(specific.length ? specific : lines)].join('; ');
}

/** Identifies a file from its first bytes: the extension and the browser's type are never trusted. */

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'heif' | 'jxl' | 'jp2';

export type Sniffed =
  | { kind: 'image'; format: ImageFormat }
  | { kind: 'unsupported'; format: string }
  | { kind: 'not-image'; detected: string };

/** How many leading bytes `sniff` needs. */
export const SNIFF_LENGTH = 512;

const ascii = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, end));
const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);

const HEIF_BRANDS = new Set(['avif', 'avis', 'heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

export function sniff(head: Uint8Array): Sniffed {
  if (head.length === 0) return { kind: 'not-image', detected: 'an empty file' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png' };
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return { kind: 'image', format: 'gif' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { kind: 'image', format: 'webp' };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: 'image', format: 'tiff' };
  }
  if (startsWith(head, [0x49, 0x49, 0x2b, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])) {
    return { kind: 'image', format: 'tiff' };
  }
  if (startsWith(head, [0xff, 0x0a]) || ascii(head, 4, 8) === 'JXL ') return { kind: 'image', format: 'jxl' };
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (HEIF_BRANDS.has(brand)) return { kind: 'image', format: 'heif' };
    return { kind: 'not-image', detected: `an ISO media file (brand “${brand.replace(/[^\x20-\x7e]/g, '?')}”)` };
  }
  const other = sniffOther(head);
  if (other) return other;
  return { kind: 'not-image', detected: looksLikeText(head) ? 'text' : 'unrecognised binary data' };
}

function sniffOther(head: Uint8Array): Sniffed | null {
  if (ascii(head, 4, 12) === 'jP  \r\n\x87\n' || startsWith(head, [0xff, 0x4f, 0xff, 0x51])) {
    return { kind: 'image', format: 'jp2' };
  }
  if (ascii(head, 0, 2) === 'BM') return { kind: 'unsupported', format: 'BMP' };
  if (ascii(head, 0, 5) === '%PDF-') return { kind: 'unsupported', format: 'PDF' };
  if (ascii(head, 0, 4) === '8BPS') return { kind: 'unsupported', format: 'Photoshop PSD' };
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<svg') || (/^<(\?xml|!doctype svg)/.test(text) && text.includes('<svg'))) {
    return { kind: 'unsupported', format: 'SVG (vector images are not rasterised)' };
  }
  if (/^<(!doctype html|html|head|body|script)/.test(text)) return { kind: 'not-image', detected: 'HTML' };
  return null;
}

/** Valid UTF-8 (the last character may be cut off) without control characters other than whitespace. */
function looksLikeText(head: Uint8Array): boolean {
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastWholeCharacterEnd(head)));
  } catch {
    return false;
  }
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return false;
  }
  return true;
}

/** The length of `head` without a trailing, incomplete UTF-8 sequence. */
function lastWholeCharacterEnd(head: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, head.length); back++) {
    const b = head[head.length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back ? head.length - back : head.length;
  }
  return head.length;
}

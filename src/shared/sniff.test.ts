import { describe, expect, it } from 'vitest';
import { SNIFF_LENGTH, sniff, type Sniffed } from './sniff';

/** Bytes from numbers and Latin-1 strings (one byte per character). */
function bytes(...parts: (number[] | string)[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      for (const ch of part) {
        const code = ch.charCodeAt(0);
        if (code > 0xff) throw new Error('not Latin-1');
        out.push(code);
      }
    } else out.push(...part);
  }
  return Uint8Array.from(out);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

const image = (format: string): Sniffed => ({ kind: 'image', format }) as Sniffed;
const unsupported = (format: string): Sniffed => ({ kind: 'unsupported', format });
const notImage = (detected: string): Sniffed => ({ kind: 'not-image', detected });

describe('sniff: supported images', () => {
  it.each<[string, Uint8Array, Sniffed]>([
    ['JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0x00, 0x01, 0x01]), image('jpeg')],
    ['JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34], 'Exif', [0, 0]), image('jpeg')],
    ['JPEG (3 bytes)', bytes([0xff, 0xd8, 0xff]), image('jpeg')],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d], 'IHDR'), image('png')],
    ['GIF87a', bytes('GIF87a', [0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00]), image('gif')],
    ['GIF89a', bytes('GIF89a', [0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]), image('gif')],
    ['WebP (lossy)', bytes('RIFF', [0x24, 0x00, 0x00, 0x00], 'WEBP', 'VP8 '), image('webp')],
    ['WebP (lossless)', bytes('RIFF', [0x1a, 0x00, 0x00, 0x00], 'WEBP', 'VP8L'), image('webp')],
    ['TIFF little-endian', bytes([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]), image('tiff')],
    ['TIFF big-endian', bytes([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08]), image('tiff')],
    ['BigTIFF little-endian', bytes([0x49, 0x49, 0x2b, 0x00, 0x08, 0x00, 0x00, 0x00]), image('tiff')],
    ['BigTIFF big-endian', bytes([0x4d, 0x4d, 0x00, 0x2b, 0x00, 0x08, 0x00, 0x00]), image('tiff')],
    ['AVIF', bytes([0x00, 0x00, 0x00, 0x20], 'ftyp', 'avif', [0, 0, 0, 0], 'avifmif1miaf'), image('heif')],
    ['AVIF sequence', bytes([0x00, 0x00, 0x00, 0x1c], 'ftyp', 'avis', [0, 0, 0, 0], 'avis'), image('heif')],
    ['HEIC', bytes([0x00, 0x00, 0x00, 0x18], 'ftyp', 'heic', [0, 0, 0, 0], 'mif1heic'), image('heif')],
    ['HEIF mif1', bytes([0x00, 0x00, 0x00, 0x18], 'ftyp', 'mif1', [0, 0, 0, 0], 'mif1heic'), image('heif')],
    ['JPEG XL codestream', bytes([0xff, 0x0a, 0xfa, 0x7f]), image('jxl')],
    [
      'JPEG XL container',
      bytes([0x00, 0x00, 0x00, 0x0c], 'JXL ', [0x0d, 0x0a, 0x87, 0x0a, 0x00, 0x00, 0x00, 0x14], 'ftyp', 'jxl '),
      image('jxl'),
    ],
    [
      'JPEG 2000 (jp2 signature box)',
      bytes([0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a, 0x00, 0x00, 0x00, 0x14], 'ftyp'),
      image('jp2'),
    ],
    ['JPEG 2000 codestream', bytes([0xff, 0x4f, 0xff, 0x51, 0x00, 0x2f]), image('jp2')],
  ])('%s', (_name, head, expected) => {
    expect(sniff(head)).toStrictEqual(expected);
  });
});

describe('sniff: unsupported images', () => {
  it.each<[string, Uint8Array, Sniffed]>([
    ['BMP', bytes('BM', [0x36, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x36, 0x00]), unsupported('BMP')],
    ['PDF', bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3]), unsupported('PDF')],
    ['PSD', bytes('8BPS', [0x00, 0x01, 0x00, 0x00]), unsupported('Photoshop PSD')],
    [
      'SVG',
      utf8('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'),
      unsupported('SVG (vector images are not rasterised)'),
    ],
    [
      'SVG with an XML prolog',
      utf8('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
      unsupported('SVG (vector images are not rasterised)'),
    ],
    [
      'SVG with BOM, whitespace and upper case',
      bytes([0xef, 0xbb, 0xbf], '\n  <SVG xmlns="http://www.w3.org/2000/svg"/>'),
      unsupported('SVG (vector images are not rasterised)'),
    ],
  ])('%s', (_name, head, expected) => {
    expect(sniff(head)).toStrictEqual(expected);
  });
});

describe('sniff: not images', () => {
  it.each<[string, Uint8Array, Sniffed]>([
    ['empty', new Uint8Array(0), notImage('an empty file')],
    ['HTML doctype', utf8('<!DOCTYPE html>\n<html><body>hi</body></html>'), notImage('HTML')],
    ['HTML tag', utf8('  <html lang="en">'), notImage('HTML')],
    ['HTML script', utf8('<script>alert(1)</script>'), notImage('HTML')],
    ['plain text', utf8('hello world\nsecond line\r\n\tindented'), notImage('text')],
    ['UTF-8 text', utf8('Grüße aus Köln — ✓'), notImage('text')],
    ['XML that is not SVG', utf8('<?xml version="1.0"?><root/>'), notImage('text')],
    ['JSON', utf8('{"a": 1}'), notImage('text')],
    [
      'random binary',
      bytes([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x1f, 0x7f]),
      notImage('unrecognised binary data'),
    ],
    ['zip', bytes('PK', [0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), notImage('unrecognised binary data')],
    [
      'MP4',
      bytes([0x00, 0x00, 0x00, 0x18], 'ftyp', 'isom', [0, 0, 2, 0]),
      notImage('an ISO media file (brand “isom”)'),
    ],
    [
      'QuickTime',
      bytes([0x00, 0x00, 0x00, 0x14], 'ftyp', 'qt  ', [0, 0, 2, 0]),
      notImage('an ISO media file (brand “qt  ”)'),
    ],
    [
      'ftyp with an unprintable brand',
      bytes([0x00, 0x00, 0x00, 0x18], 'ftyp', [0x00, 0x22, 0xe9, 0x7f]),
      notImage('an ISO media file (brand “?"??”)'),
    ],
  ])('%s', (_name, head, expected) => {
    expect(sniff(head)).toStrictEqual(expected);
  });

  it('does not take a near-miss for an image', () => {
    expect(sniff(bytes([0xff, 0xd8]))).toStrictEqual(notImage('unrecognised binary data')); // not UTF-8
    expect(sniff(bytes('GIF88a'))).toStrictEqual(notImage('text'));
    expect(sniff(bytes('RIFF', [0x24, 0, 0, 0], 'WAVE'))).toStrictEqual(notImage('unrecognised binary data'));
    expect(sniff(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a]))).toStrictEqual(notImage('unrecognised binary data'));
  });

  it('takes UTF-8 text for text, even cut mid-character, and control bytes for binary', () => {
    expect(sniff(new TextEncoder().encode('Café au lait'))).toStrictEqual(notImage('text'));
    expect(sniff(bytes('Caf', [0xc3]))).toStrictEqual(notImage('text'));
    expect(sniff(bytes('abc', [0x00], 'def'))).toStrictEqual(notImage('unrecognised binary data'));
  });

  it('reads a full SNIFF_LENGTH header', () => {
    expect(SNIFF_LENGTH).toBe(512);
    const head = new Uint8Array(SNIFF_LENGTH);
    head.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(sniff(head)).toStrictEqual(image('png'));
  });
});

describe('SVG behind a doctype', () => {
  it('is refused as unsupported SVG, not reported as text', () => {
    const svg = new TextEncoder().encode('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg></svg>');
    expect(sniff(svg)).toMatchObject({ kind: 'unsupported', format: expect.stringMatching(/^SVG/) });
  });
});

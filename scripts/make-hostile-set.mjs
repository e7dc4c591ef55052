// Makes a hostile input set: truncations, header-patched decompression bombs, polyglots, empty, random
// and text files, and hostile names, each with the outcome the app must reach. Sources are corpus images
// when ../shared/corpus exists, else images made here.
//   node scripts/make-hostile-set.mjs OUT_DIR     writes the files and expected.json
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

const CORPUS = resolve(import.meta.dirname, '../../shared/corpus');

/** @typedef {{ name: string, bytes: Uint8Array, expect: { state: 'done' } | { state: 'failed', error: RegExp } }} HostileFile */

/** A seeded generator (mulberry32): the same set on every run. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function sources() {
  if (existsSync(CORPUS)) {
    const read = (p) => new Uint8Array(readFileSync(join(CORPUS, p)));
    return {
      jpeg: read('jpeg/mate-Storm.jpg'),
      png: read('png/skimage-astronaut.png'),
      tiff: read('tiff/rtiff-kodim02-lzw.tif'),
      gif: read('gif/go-video-001.interlaced.gif'),
      webp: read('webp/xi-blue-purple-pink-large.lossless.webp'),
    };
  }
  const noise = () =>
    sharp({ create: { width: 640, height: 480, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 50 } } });
  const make = async (format) => new Uint8Array(await noise()[format]().toBuffer());
  return {
    jpeg: await make('jpeg'),
    png: await make('png'),
    tiff: await make('tiff'),
    gif: await make('gif'),
    webp: await make('webp'),
  };
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A PNG chunk with its length and CRC. */
function pngChunk(type, data) {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
};
const text = (s) => new TextEncoder().encode(s);

/** A PNG whose IHDR declares another size, with a correct CRC so only the size is a lie. */
function patchPngSize(png, width, height) {
  const out = png.slice();
  const view = new DataView(out.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  view.setUint32(29, crc32(out.subarray(12, 29)));
  return out;
}

/** A JPEG whose first SOF marker declares another size. */
function patchJpegSize(jpeg, width, height) {
  const out = jpeg.slice();
  for (let i = 2; i < out.length - 9;) {
    const marker = out[i + 1];
    const length = (out[i + 2] << 8) | out[i + 3];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      out[i + 5] = height >> 8;
      out[i + 6] = height & 0xff;
      out[i + 7] = width >> 8;
      out[i + 8] = width & 0xff;
      return out;
    }
    i += 2 + length;
  }
  throw new Error('no SOF marker');
}

/** A TIFF whose first IFD declares another ImageWidth and ImageLength (LONG or SHORT values). */
function patchTiffSize(tiff, width, height) {
  const out = tiff.slice();
  const view = new DataView(out.buffer);
  const le = out[0] === 0x49;
  const ifd = view.getUint32(4, le);
  const count = view.getUint16(ifd, le);
  for (let e = 0; e < count; e++) {
    const at = ifd + 2 + e * 12;
    const tag = view.getUint16(at, le);
    if (tag !== 256 && tag !== 257) continue;
    view.setUint16(at + 2, 4, le); // LONG, so sizes beyond 65535 fit
    view.setUint32(at + 4, 1, le);
    view.setUint32(at + 8, tag === 256 ? width : height, le);
  }
  return out;
}

/** A GIF whose logical screen and first image descriptor declare 65535×65535. */
function patchGifSize(gif) {
  const out = gif.slice();
  const view = new DataView(out.buffer);
  view.setUint16(6, 0xffff, true);
  view.setUint16(8, 0xffff, true);
  const tableSize = (flags) => (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  let i = 13 + tableSize(out[10]);
  while (out[i] === 0x21) {
    i += 2;
    while (out[i] !== 0) i += out[i] + 1;
    i++;
  }
  if (out[i] !== 0x2c) throw new Error('no image descriptor');
  view.setUint16(i + 5, 0xffff, true);
  view.setUint16(i + 7, 0xffff, true);
  return out;
}

const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A valid 1×1 grey PNG of about 70 bytes. */
function tinyPng() {
  const header = pngChunk('IHDR', Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
  return concat(
    PNG_SIGNATURE,
    header,
    pngChunk('IDAT', deflateSync(Uint8Array.from([0, 128]))),
    pngChunk('IEND', new Uint8Array(0)),
  );
}

const NAMES = [
  '../../etc/passwd.jpg',
  '..\\..\\x.jpg',
  '%2e%2e%2fx.jpg',
  '<img src=x onerror=alert(1)>.jpg',
  `"double" and 'single' quotes.jpg`,
  'control\u0007\u0001\tchars.jpg',
  '   leading and trailing spaces   .jpg',
  `${'long-'.repeat(59)}name.jpg`,
  'Café.jpg',
  'Cafe\u0301.jpg',
  'CASE.jpg',
  'case.jpg',
  'CON.jpg',
];

/** @returns {Promise<HostileFile[]>} */
export async function makeHostileSet() {
  const src = await sources();
  const random = seededRandom(20261125);
  const damaged = /^(Truncated|Corrupt) (JPEG|PNG|TIFF|GIF|WEBP)\b/;
  const done = { state: 'done' };
  const failed = (error) => ({ state: 'failed', error });
  /** @type {HostileFile[]} */
  const files = [
    { name: 'good.jpg', bytes: src.jpeg, expect: done },
    { name: 'good.png', bytes: src.png, expect: done },
    { name: 'good.tif', bytes: src.tiff, expect: done },
  ];
  for (const [format, bytes] of Object.entries(src)) {
    for (const fraction of [0.05, 0.5, 0.95]) {
      const cut = bytes.subarray(0, Math.floor(bytes.length * fraction));
      files.push({ name: `truncated-${Math.round(fraction * 100)}.${format}`, bytes: cut, expect: failed(damaged) });
    }
  }
  const implausible = /^Refused before decoding: the header declares [\d,.]+ megapixels in [\d,]+ bytes, which no /;
  const overLimit = /^Refused before decoding: the header declares [\d,.]+ megapixels, over the limit of 3,000$/;
  files.push(
    // Under the pixel limit, but no file this small can hold so many pixels.
    { name: 'bomb-50000x50000.jpg', bytes: patchJpegSize(src.jpeg, 50000, 50000), expect: failed(implausible) },
    { name: 'bomb-30000x30000.png', bytes: patchPngSize(tinyPng(), 30000, 30000), expect: failed(implausible) },
    // Over the pixel limit.
    { name: 'bomb-65000x65000.jpg', bytes: patchJpegSize(src.jpeg, 65000, 65000), expect: failed(overLimit) },
    { name: 'bomb-100000x100000.png', bytes: patchPngSize(src.png, 100000, 100000), expect: failed(overLimit) },
    { name: 'bomb-200000x200000.tif', bytes: patchTiffSize(src.tiff, 200000, 200000), expect: failed(overLimit) },
    { name: 'bomb-65535x65535.gif', bytes: patchGifSize(src.gif), expect: failed(overLimit) },
  );
  const htmlChunk = pngChunk(
    'tEXt',
    text('Comment\0<script>alert(document.domain)</script><img src=x onerror=alert(1)>'),
  );
  files.push(
    { name: 'png-then-html.png', bytes: concat(src.png, text('<html><script>alert(1)</script></html>')), expect: done },
    {
      name: 'png-with-html-text.png',
      bytes: concat(src.png.subarray(0, 33), htmlChunk, src.png.subarray(33)),
      expect: done,
    },
    {
      name: 'html-then-png.png',
      bytes: concat(text('<!doctype html><script>alert(1)</script>'), src.png),
      expect: failed(/^Not an image: detected HTML$/),
    },
    {
      name: 'gif-js-polyglot.gif',
      bytes: text('GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=alert(1);//'),
      expect: failed(/^Cannot decode this GIF: /),
    },
    {
      name: 'script.svg',
      bytes: text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      expect: failed(/^Unsupported format: SVG/),
    },
    {
      name: 'page.png',
      bytes: text('<!DOCTYPE html><html><body onload=alert(1)></body></html>'),
      expect: failed(/^Not an image: detected HTML$/),
    },
    { name: 'notes.jpg', bytes: text('Not a picture, just words.\n'), expect: failed(/^Not an image: detected text$/) },
    { name: 'empty.png', bytes: new Uint8Array(0), expect: failed(/^Not an image: detected an empty file$/) },
    {
      name: 'random.jpg',
      bytes: Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256)),
      expect: failed(/^Not an image: detected unrecognised binary data$/),
    },
    { name: 'really-a-png.jpg', bytes: src.png, expect: done },
    { name: 'really-a-jpeg.png', bytes: src.jpeg, expect: done },
    // 1 MiB of compressed zeros behind a 256×256 header: libpng inflates only the rows it declares.
    {
      name: 'idat-overflow.png',
      bytes: concat(
        PNG_SIGNATURE,
        pngChunk('IHDR', new Uint8Array([0, 0, 1, 0, 0, 0, 1, 0, 8, 2, 0, 0, 0])),
        pngChunk('IDAT', deflateSync(new Uint8Array(1 << 20))),
        pngChunk('IEND', new Uint8Array(0)),
      ),
      expect: done,
    },
  );
  for (const name of NAMES) files.push({ name, bytes: src.jpeg, expect: done });
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node scripts/make-hostile-set.mjs OUT_DIR');
  mkdirSync(out, { recursive: true });
  const files = await makeHostileSet();
  const expected = files.map((f, i) => {
    // The hostile name is the point of some files, so on disk each gets a numbered safe name.
    const path = `${String(i).padStart(3, '0')}.bin`;
    writeFileSync(join(out, path), f.bytes);
    return { path, name: f.name, expect: f.expect.state === 'done' ? 'done' : String(f.expect.error) };
  });
  writeFileSync(join(out, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  console.log(`${files.length} files written to ${out}`);
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

/**
 * JPEG 2000 files the tests make with Debian's OpenJPEG tools (opj_compress), and the reference pixels
 * opj_decompress gives for them. Boxes opj_compress cannot write (sYCC, ICC, res, palette, JPX brands)
 * are written here around its codestreams.
 */
export const jp2Dir = mkdtempSync(join(tmpdir(), 'vitrine-jp2-'));

/** A picture with structure everywhere (gradients, blocks, noise) so a misplaced tile shows. */
export function pattern(width: number, height: number, channels: number, depth: 8 | 16 = 8): Buffer {
  const max = depth === 8 ? 255 : 65535;
  const data = depth === 8 ? Buffer.alloc(width * height * channels) : Buffer.alloc(width * height * channels * 2);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      for (let c = 0; c < channels; c++) {
        const wave = [x / width, y / height, ((x >> 5) + (y >> 5)) & 1 ? 0.8 : 0.2, 0.3 + 0.7 * (x / width)][c % 4]!;
        const v = Math.min(1, Math.max(0, wave * 0.85 + ((seed >> (c * 3)) % 3) / 255));
        const value = Math.round(v * max);
        if (depth === 8) data[(y * width + x) * channels + c] = value;
        else data.writeUInt16BE(value, ((y * width + x) * channels + c) * 2);
      }
    }
  }
  return data;
}

/** Writes a PGM/PPM/PAM opj_compress reads (netpbm keeps 16-bit samples and alpha as they are). */
export function netpbm(name: string, width: number, height: number, channels: number, depth: 8 | 16, data: Buffer) {
  const max = depth === 8 ? 255 : 65535;
  const header =
    channels === 1
      ? `P5\n${width} ${height}\n${max}\n`
      : channels === 3
        ? `P6\n${width} ${height}\n${max}\n`
        : `P7\nWIDTH ${width}\nHEIGHT ${height}\nDEPTH ${channels}\nMAXVAL ${max}\nTUPLTYPE ${channels === 2 ? 'GRAYSCALE_ALPHA' : 'RGB_ALPHA'}\nENDHDR\n`;
  const path = join(jp2Dir, `${name}.${channels === 1 ? 'pgm' : channels === 3 ? 'ppm' : 'pam'}`);
  writeFileSync(path, Buffer.concat([Buffer.from(header, 'latin1'), data]));
  return path;
}

export function opjCompress(input: string, output: string, args: string[]): Uint8Array {
  execFileSync('opj_compress', ['-i', input, '-o', join(jp2Dir, output), ...args], { stdio: 'ignore' });
  return new Uint8Array(readFileSync(join(jp2Dir, output)));
}

/** opj_decompress' pixels as an 8-bit sRGB PNG on white: what every tile must match. */
export async function opjReference(file: Uint8Array, extension: 'jp2' | 'j2k'): Promise<Buffer> {
  const input = join(jp2Dir, `reference-in-${Math.random().toString(36).slice(2)}.${extension}`);
  writeFileSync(input, file);
  const output = `${input}.png`;
  execFileSync('opj_decompress', ['-i', input, '-o', output], { stdio: 'ignore' });
  return sharp(output).flatten({ background: '#ffffff' }).toColourspace('srgb').png().toBuffer();
}

const box = (type: string, ...contents: Uint8Array[]) => {
  const length = 8 + contents.reduce((n, c) => n + c.length, 0);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, ...contents]);
};
const u8 = (...values: number[]) => Uint8Array.from(values);
const be16 = (...values: number[]) => {
  const b = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => b.writeUInt16BE(v, i * 2));
  return b;
};

export interface Jp2Boxes {
  /** First brand and the compatibility list. */
  brands?: [string, string[]];
  colour: { enumerated: number } | { icc: Uint8Array };
  /** cdef entries: [channel, type, association]. */
  channels?: [number, number, number][];
  /** Capture resolution in pixels per metre, written as value × 10^0. */
  capture?: { x: number; y: number };
  /** A palette of 8-bit RGB entries mapping component 0. */
  palette?: [number, number, number][];
}

/** Wraps a bare codestream (from opj_compress … .j2k) in JP2 boxes. */
export function wrapJp2(codestream: Uint8Array, boxes: Jp2Boxes): Uint8Array {
  const [brand, compatible] = boxes.brands ?? ['jp2 ', ['jp2 ']];
  const siz = Buffer.from(codestream.buffer, codestream.byteOffset);
  const width = siz.readUInt32BE(8) - siz.readUInt32BE(16);
  const height = siz.readUInt32BE(12) - siz.readUInt32BE(20);
  const components = siz.readUInt16BE(40);
  const bits = (siz[42]! & 0x7f) + 1;
  const ihdrBody = Buffer.alloc(14);
  ihdrBody.writeUInt32BE(height, 0);
  ihdrBody.writeUInt32BE(width, 4);
  ihdrBody.writeUInt16BE(components, 8);
  ihdrBody[10] = bits - 1;
  ihdrBody[11] = 7;
  const colr =
    'enumerated' in boxes.colour
      ? box('colr', u8(1, 0, 0), Buffer.from(be16(0, boxes.colour.enumerated)))
      : box('colr', u8(2, 0, 0), boxes.colour.icc);
  const header = [box('ihdr', ihdrBody), colr];
  if (boxes.palette) {
    const entries = boxes.palette.flat();
    header.push(box('pclr', be16(boxes.palette.length), u8(3, 7, 7, 7), u8(...entries)));
    header.push(box('cmap', be16(0), u8(1, 0), be16(0), u8(1, 1), be16(0), u8(1, 2)));
  }
  if (boxes.channels) header.push(box('cdef', be16(boxes.channels.length), be16(...boxes.channels.flat())));
  if (boxes.capture) {
    const resc = Buffer.alloc(10);
    resc.writeUInt16BE(boxes.capture.y, 0);
    resc.writeUInt16BE(1, 2);
    resc.writeUInt16BE(boxes.capture.x, 4);
    resc.writeUInt16BE(1, 6);
    header.push(box('res ', box('resc', resc)));
  }
  return new Uint8Array(
    Buffer.concat([
      box('jP  ', u8(0x0d, 0x0a, 0x87, 0x0a)),
      box('ftyp', Buffer.from(brand, 'latin1'), Buffer.alloc(4), Buffer.from(compatible.join(''), 'latin1')),
      box('jp2h', ...header),
      box('jp2c', codestream),
    ]),
  );
}

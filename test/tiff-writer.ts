import { deflateSync } from 'node:zlib';

/** One IFD of a TIFF the tests write themselves: every layout archives hold, tag by tag. */
export interface TiffPage {
  width: number;
  height: number;
  samples: number;
  bits: 8 | 16 | 32;
  /** 1 unsigned integer, 3 IEEE float. */
  sampleFormat?: 1 | 3;
  /** 1 min-is-black, 2 RGB, 3 palette, 5 separated (CMYK). */
  photometric: 1 | 2 | 3 | 5;
  /** 2: planar-separate (each sample its own plane). */
  planar?: 1 | 2;
  tile?: number;
  deflate?: boolean;
  /** 1: a reduced-resolution (overview) page. */
  subfileType?: 0 | 1;
  extraSamples?: number[];
  /** 3 × 2^bits entries, red then green then blue, 16-bit. */
  colormap?: number[];
  icc?: Buffer;
  /** Chunky (interleaved) samples, little-endian, row by row. */
  data: Buffer;
}

/**
 * Writes a little-endian TIFF of `pages`. `dataFirst` puts every page's pixel data before any IFD, and the
 * smallest page's first (as cloud-optimised GeoTIFFs do); otherwise each page's data precedes its IFD.
 */
export function writeTiff(pages: TiffPage[], { dataFirst = false } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0x49, 0x49, 42, 0, 0, 0, 0, 0])];
  let at = 8;
  const push = (b: Buffer) => {
    const offset = at;
    parts.push(b);
    at += b.length;
    if (at % 2) push(Buffer.alloc(1));
    return offset;
  };
  const chunks = pages.map(encodeChunks);
  const offsets: number[][] = pages.map(() => []);
  const order = dataFirst ? pages.map((_, i) => i).reverse() : [];
  for (const i of order) offsets[i] = chunks[i]!.map(push);
  const ifdOffsets: number[] = [];
  const ifdPatches: { at: number; index: number }[] = [];
  pages.forEach((page, i) => {
    if (!dataFirst) offsets[i] = chunks[i]!.map(push);
    const [ifd, nextAt] = ifdBytes(
      page,
      offsets[i]!,
      chunks[i]!.map((c) => c.length),
      at,
    );
    ifdOffsets.push(push(ifd));
    ifdPatches.push({ at: nextAt, index: i });
  });
  const file = Buffer.concat(parts);
  file.writeUInt32LE(ifdOffsets[0]!, 4);
  for (const { at: patch, index } of ifdPatches) file.writeUInt32LE(ifdOffsets[index + 1] ?? 0, patch);
  return file;
}

function encodeChunks(page: TiffPage): Buffer[] {
  const bps = page.bits / 8;
  const planes = page.planar === 2 ? page.samples : 1;
  const perPixel = page.planar === 2 ? 1 : page.samples;
  const side = page.tile;
  const [cw, ch] = side ? [side, side] : [page.width, page.height];
  const chunks: Buffer[] = [];
  for (let plane = 0; plane < planes; plane++) {
    for (let ty = 0; ty < page.height; ty += ch) {
      for (let tx = 0; tx < page.width; tx += cw) {
        const chunk = Buffer.alloc(cw * Math.min(ch, side ? ch : page.height - ty) * perPixel * bps);
        for (let y = 0; y < ch && ty + y < page.height; y++) {
          for (let x = 0; x < cw && tx + x < page.width; x++) {
            for (let s = 0; s < perPixel; s++) {
              const from = (((ty + y) * page.width + tx + x) * page.samples + (planes > 1 ? plane : s)) * bps;
              page.data.copy(chunk, ((y * cw + x) * perPixel + s) * bps, from, from + bps);
            }
          }
        }
        chunks.push(page.deflate ? deflateSync(chunk) : chunk);
      }
    }
  }
  return chunks;
}

/** The IFD, with its offset-valued entries placed after it; returns it and where its next-IFD field is. */
function ifdBytes(page: TiffPage, offsets: number[], counts: number[], base: number): [Buffer, number] {
  const entries: [number, number, number[]][] = []; // tag, type (3 short, 4 long), values
  const short = (tag: number, ...v: number[]) => entries.push([tag, 3, v]);
  const long = (tag: number, ...v: number[]) => entries.push([tag, 4, v]);
  if (page.subfileType) long(254, page.subfileType);
  long(256, page.width);
  long(257, page.height);
  short(258, ...Array<number>(page.samples).fill(page.bits));
  short(259, page.deflate ? 8 : 1);
  short(262, page.photometric);
  if (!page.tile) long(273, ...offsets);
  short(277, page.samples);
  if (!page.tile) {
    long(278, page.height);
    long(279, ...counts);
  }
  short(284, page.planar ?? 1);
  if (page.colormap) short(320, ...page.colormap);
  if (page.tile) {
    long(322, page.tile);
    long(323, page.tile);
    long(324, ...offsets);
    long(325, ...counts);
  }
  if (page.extraSamples) short(338, ...page.extraSamples);
  short(339, ...Array<number>(page.samples).fill(page.sampleFormat ?? 1));
  const undefinedEntries: [number, Buffer][] = page.icc ? [[34675, page.icc]] : [];
  const count = entries.length + undefinedEntries.length;
  const headLength = 2 + count * 12 + 4;
  const extra: Buffer[] = [];
  let extraAt = base + headLength;
  const head = Buffer.alloc(headLength);
  head.writeUInt16LE(count, 0);
  const all = [...entries.map((e) => ({ tag: e[0], e })), ...undefinedEntries.map((u) => ({ tag: u[0], u }))].sort(
    (a, b) => a.tag - b.tag,
  );
  all.forEach((item, i) => {
    const o = 2 + i * 12;
    head.writeUInt16LE(item.tag, o);
    let bytes: Buffer;
    if ('e' in item && item.e) {
      const [, type, values] = item.e;
      head.writeUInt16LE(type, o + 2);
      head.writeUInt32LE(values.length, o + 4);
      bytes = Buffer.alloc(values.length * (type === 3 ? 2 : 4));
      values.forEach((v, j) => (type === 3 ? bytes.writeUInt16LE(v, j * 2) : bytes.writeUInt32LE(v, j * 4)));
    } else {
      bytes = (item as { u: [number, Buffer] }).u[1];
      head.writeUInt16LE(7, o + 2);
      head.writeUInt32LE(bytes.length, o + 4);
    }
    if (bytes.length <= 4) bytes.copy(head, o + 8);
    else {
      head.writeUInt32LE(extraAt, o + 8);
      const padded = bytes.length % 2 ? Buffer.concat([bytes, Buffer.alloc(1)]) : bytes;
      extra.push(padded);
      extraAt += padded.length;
    }
  });
  return [Buffer.concat([head, ...extra]), base + headLength - 4];
}

/** The JP2 file format's boxes (ISO/IEC 15444-1 annex I): what the codestream alone does not say. */
import type { ReadBytes } from '../read-bytes';

export type { ReadBytes };

export type Jp2Colour =
  | { kind: 'srgb' }
  | { kind: 'grey' }
  | { kind: 'sycc' }
  | { kind: 'icc'; profile: Uint8Array }
  /** No colr box (a bare codestream): the component count decides. */
  | { kind: 'unspecified' };

/** A `cdef` entry: which codestream (or palette) channel is what. */
export interface ChannelDefinition {
  channel: number;
  /** 0 colour, 1 opacity, 2 premultiplied opacity, other: unspecified. */
  type: number;
  /** 1-based colour this channel is (0: the whole image, 65535: none). */
  association: number;
}

export interface Jp2Palette {
  entries: number;
  /** Per palette column: its bit depth (1–38; we take up to 16) and its values. */
  columns: { bits: number; signed: boolean; values: number[] }[];
  /** The cmap box: per output channel, which component and (type 1) which palette column. */
  mapping: { component: number; type: number; column: number }[];
}

export interface Jp2Header {
  codestreamOffset: number;
  codestreamLength: number;
  colour: Jp2Colour;
  channels: ChannelDefinition[];
  palette?: Jp2Palette;
  /** Pixels per metre from `res ` (capture resolution preferred, then display). */
  resolution?: { x: number; y: number; kind: 'capture' | 'display' };
}

export class Jp2FormatError extends Error {
  override name = 'Jp2FormatError';
}

const SIGNATURE = [0x0d, 0x0a, 0x87, 0x0a];
const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
const type4 = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

interface Box {
  type: string;
  /** Where the box's contents start and how long they are. */
  start: number;
  length: number;
}

/** The boxes in [from, to): only their headers are read. */
function* boxes(read: ReadBytes, from: number, to: number): Generator<Box> {
  for (let at = from; at + 8 <= to;) {
    const head = read(at, 16);
    if (head.length < 8) throw new Jp2FormatError('Truncated JPEG 2000: a box header is cut off');
    let length = u32(head, 0);
    let headerLength = 8;
    if (length === 1) {
      if (head.length < 16) throw new Jp2FormatError('Truncated JPEG 2000: a box header is cut off');
      length = u32(head, 8) * 2 ** 32 + u32(head, 12);
      headerLength = 16;
    } else if (length === 0) length = to - at;
    if (length < headerLength) throw new Jp2FormatError(`Corrupt JPEG 2000 data: a box of ${length} bytes`);
    yield { type: type4(head, 4), start: at + headerLength, length: length - headerLength };
    at += length;
  }
}

/** Parses a JP2 (or JP2-compatible JPX) file's boxes; `fileLength` bounds the walk. */
export function readJp2Header(read: ReadBytes, fileLength: number): Jp2Header {
  const first = read(0, 12);
  if (u32(first, 0) !== 12 || type4(first, 4) !== 'jP  ' || !SIGNATURE.every((v, i) => first[8 + i] === v)) {
    throw new Jp2FormatError('Corrupt JPEG 2000 data: no JP2 signature box');
  }
  let header: Omit<Jp2Header, 'codestreamOffset' | 'codestreamLength'> | undefined;
  for (const box of boxes(read, 12, fileLength)) {
    if (box.type === 'ftyp') checkBrand(read(box.start, Math.min(box.length, 4096)));
    else if (box.type === 'jp2h') header = readHeaderBox(read, box);
    else if (box.type === 'jp2c') {
      if (!header) throw new Jp2FormatError('Corrupt JPEG 2000 data: the codestream comes before the jp2h box');
      if (box.start + box.length > fileLength)
        throw new Jp2FormatError('Truncated JPEG 2000: the codestream is cut off');
      return { ...header, codestreamOffset: box.start, codestreamLength: box.length };
    }
  }
  throw new Jp2FormatError('Truncated JPEG 2000: the file has no codestream box');
}

/** JPX files are read when they declare JP2 compatibility: then their first codestream is a JP2 image. */
function checkBrand(ftyp: Uint8Array): void {
  const brands = [type4(ftyp, 0)];
  for (let at = 8; at + 4 <= ftyp.length; at += 4) brands.push(type4(ftyp, at));
  if (!brands.includes('jp2 ')) {
    throw new Jp2FormatError(
      `JPEG 2000 (JPX brand “${brands[0]!.replace(/[^\x20-\x7e]/g, '?')}”) without JP2 compatibility`,
    );
  }
}

function readHeaderBox(read: ReadBytes, jp2h: Box): Omit<Jp2Header, 'codestreamOffset' | 'codestreamLength'> {
  let colour: Jp2Colour | undefined;
  let channels: ChannelDefinition[] = [];
  let palette: Omit<Jp2Palette, 'mapping'> | undefined;
  let mapping: Jp2Palette['mapping'] = [];
  let resolution: Jp2Header['resolution'];
  for (const box of boxes(read, jp2h.start, jp2h.start + jp2h.length)) {
    const body = () => read(box.start, box.length);
    if (box.type === 'colr') colour ??= readColour(body());
    else if (box.type === 'cdef') channels = readChannels(body());
    else if (box.type === 'pclr') palette = readPalette(body());
    else if (box.type === 'cmap') mapping = readMapping(body());
    else if (box.type === 'res ') resolution = readResolution(read, box);
  }
  return {
    colour: colour ?? { kind: 'unspecified' },
    channels,
    ...(palette ? { palette: { ...palette, mapping } } : {}),
    ...(resolution ? { resolution } : {}),
  };
}

function readColour(b: Uint8Array): Jp2Colour | undefined {
  const method = b[0];
  if (method === 1) {
    const space = u32(b, 3);
    if (space === 16) return { kind: 'srgb' };
    if (space === 17) return { kind: 'grey' };
    if (space === 18) return { kind: 'sycc' };
    throw new Jp2FormatError(`JPEG 2000 in an unsupported colour space (enumerated ${space})`);
  }
  // 2: restricted ICC (JP2); 3: any ICC (JPX). Other methods are skipped, as the standard allows.
  if (method === 2 || method === 3) return { kind: 'icc', profile: b.slice(3) };
  return undefined;
}

function readChannels(b: Uint8Array): ChannelDefinition[] {
  const n = u16(b, 0);
  return Array.from({ length: n }, (_, i) => ({
    channel: u16(b, 2 + i * 6),
    type: u16(b, 4 + i * 6),
    association: u16(b, 6 + i * 6),
  }));
}

function readPalette(b: Uint8Array): Omit<Jp2Palette, 'mapping'> {
  const entries = u16(b, 0);
  const count = b[2]!;
  const columns = Array.from({ length: count }, (_, c) => ({
    bits: (b[3 + c]! & 0x7f) + 1,
    signed: (b[3 + c]! & 0x80) !== 0,
    values: [] as number[],
  }));
  if (columns.some((c) => c.bits > 16)) throw new Jp2FormatError('JPEG 2000 with a palette deeper than 16 bits');
  let at = 3 + count;
  for (let e = 0; e < entries; e++) {
    for (const column of columns) {
      const bytes = Math.ceil(column.bits / 8);
      column.values.push(bytes === 1 ? b[at]! : u16(b, at));
      at += bytes;
    }
  }
  if (at > b.length) throw new Jp2FormatError('Corrupt JPEG 2000 data: the palette box is cut off');
  return { entries, columns };
}

function readMapping(b: Uint8Array): Jp2Palette['mapping'] {
  return Array.from({ length: Math.floor(b.length / 4) }, (_, i) => ({
    component: u16(b, i * 4),
    type: b[i * 4 + 2]!,
    column: b[i * 4 + 3]!,
  }));
}

function readResolution(read: ReadBytes, res: Box): Jp2Header['resolution'] {
  let found: Jp2Header['resolution'];
  for (const box of boxes(read, res.start, res.start + res.length)) {
    if (box.type !== 'resc' && box.type !== 'resd') continue;
    const b = read(box.start, 10);
    const value = (num: number, den: number, exp: number) => (den ? (num / den) * 10 ** ((exp << 24) >> 24) : 0);
    const y = value(u16(b, 0), u16(b, 2), b[8]!);
    const x = value(u16(b, 4), u16(b, 6), b[9]!);
    if (!(x > 0 && y > 0)) continue;
    const kind = box.type === 'resc' ? 'capture' : 'display';
    if (!found || kind === 'capture') found = { x, y, kind };
  }
  return found;
}

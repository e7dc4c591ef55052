import { Jp2FormatError, type ReadBytes } from './jp2-boxes';

/** A JPEG 2000 codestream's main header and tile layout (ISO/IEC 15444-1 annex A). */
export interface Codestream {
  siz: Uint8Array;
  /** Image area on the reference grid: [x0, x1) × [y0, y1). */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  tileWidth: number;
  tileHeight: number;
  tileX0: number;
  tileY0: number;
  tilesAcross: number;
  tilesDown: number;
  components: { bits: number; signed: boolean; dx: number; dy: number }[];
  /** Resolution levels below full (COD's decomposition count) and quality layers. */
  decompositions: number;
  layers: number;
  /** Main-header marker segments a single-tile codestream keeps, in order, code included. */
  keptMarkers: Uint8Array[];
  /** Main-header packed packet headers (PPM): they index every tile, so tiles cannot be cut out. */
  hasPpm: boolean;
  /** Offset of the first tile-part within the codestream. */
  firstTilePart: number;
}

const SOC = 0xff4f;
const SIZ = 0xff51;
const COD = 0xff52;
const SOT = 0xff90;
const EOC = 0xffd9;
/** Dropped when a tile is cut out: tile-part lengths (TLM), packet lengths (PLM), comments (COM). */
const DROPPED = new Set([0xff55, 0xff57, 0xff64]);
const PPM = 0xff60;

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

/** Reads the main header of the codestream at `offset` (`length` bytes) up to its first tile-part. */
export function readCodestream(read: ReadBytes, offset: number, length: number): Codestream {
  const start = read(offset, 2);
  if (start.length < 2 || u16(start, 0) !== SOC) throw new Jp2FormatError('Corrupt JPEG 2000 data: no SOC marker');
  const kept: Uint8Array[] = [];
  let siz: Uint8Array | undefined;
  let cod: Uint8Array | undefined;
  let hasPpm = false;
  for (let at = 2; ;) {
    if (at + 4 > length) throw new Jp2FormatError('Truncated JPEG 2000: the main header is cut off');
    const head = read(offset + at, 4);
    const code = u16(head, 0);
    if (code === SOT) {
      if (!siz || !cod) throw new Jp2FormatError('Corrupt JPEG 2000 data: the main header lacks SIZ or COD');
      return { ...parseSiz(siz), ...parseCod(cod), keptMarkers: kept, hasPpm, firstTilePart: at };
    }
    if (code >>> 8 !== 0xff || code < 0xff40) throw new Jp2FormatError('Corrupt JPEG 2000 data: a bad marker');
    const segment = read(offset + at, 2 + u16(head, 2));
    if (segment.length < 2 + u16(head, 2)) throw new Jp2FormatError('Truncated JPEG 2000: the main header is cut off');
    if (code === SIZ) siz = segment;
    else if (code === COD) cod = segment;
    if (code === PPM) hasPpm = true;
    if (code !== SIZ && !DROPPED.has(code)) kept.push(segment);
    at += segment.length;
  }
}

function parseSiz(s: Uint8Array) {
  const x1 = u32(s, 6);
  const y1 = u32(s, 10);
  const x0 = u32(s, 14);
  const y0 = u32(s, 18);
  const tileWidth = u32(s, 22);
  const tileHeight = u32(s, 26);
  const tileX0 = u32(s, 30);
  const tileY0 = u32(s, 34);
  const count = u16(s, 38);
  if (!(x1 > x0 && y1 > y0 && tileWidth > 0 && tileHeight > 0 && count > 0) || s.length < 40 + 3 * count) {
    throw new Jp2FormatError('Corrupt JPEG 2000 data: an impossible SIZ marker');
  }
  const components = Array.from({ length: count }, (_, i) => ({
    bits: (s[40 + i * 3]! & 0x7f) + 1,
    signed: (s[40 + i * 3]! & 0x80) !== 0,
    dx: s[41 + i * 3]!,
    dy: s[42 + i * 3]!,
  }));
  return {
    siz: s,
    x0,
    y0,
    x1,
    y1,
    tileWidth,
    tileHeight,
    tileX0,
    tileY0,
    tilesAcross: Math.ceil((x1 - tileX0) / tileWidth),
    tilesDown: Math.ceil((y1 - tileY0) / tileHeight),
    components,
  };
}

function parseCod(c: Uint8Array) {
  return { layers: u16(c, 6), decompositions: c[9]! };
}

/** Where tile `index`'s parts lie within the codestream: [offset, length] pairs, in codestream order. */
export type TilePartIndex = Map<number, [number, number][]>;

/** Walks the tile-part headers (12 bytes each) from the first tile-part to EOC. */
export function indexTileParts(read: ReadBytes, offset: number, length: number, cs: Codestream): TilePartIndex {
  const index: TilePartIndex = new Map();
  const tiles = cs.tilesAcross * cs.tilesDown;
  for (let at = cs.firstTilePart; at + 2 <= length;) {
    const head = read(offset + at, 12);
    if (head.length >= 2 && u16(head, 0) === EOC) break;
    if (head.length < 12 || u16(head, 0) !== SOT)
      throw new Jp2FormatError('Truncated JPEG 2000: a tile-part is cut off');
    const tile = u16(head, 4);
    let partLength = u32(head, 6);
    // Psot 0: the last tile-part runs to the end of the codestream (EOC excluded).
    if (partLength === 0) partLength = length - at - 2;
    if (tile >= tiles || partLength < 14) throw new Jp2FormatError('Corrupt JPEG 2000 data: a bad tile-part header');
    if (at + partLength > length) throw new Jp2FormatError('Truncated JPEG 2000: a tile-part is cut off');
    const parts = index.get(tile) ?? [];
    parts.push([at, partLength]);
    index.set(tile, parts);
    at += partLength;
  }
  if (index.size !== tiles) {
    throw new Jp2FormatError(`Truncated JPEG 2000: ${tiles - index.size} of ${tiles} tiles are missing`);
  }
  return index;
}

/** Tile `index`'s area on the reference grid, clipped to the image. */
export function tileBounds(cs: Codestream, index: number) {
  const p = index % cs.tilesAcross;
  const q = Math.floor(index / cs.tilesAcross);
  return {
    x0: Math.max(cs.x0, cs.tileX0 + p * cs.tileWidth),
    y0: Math.max(cs.y0, cs.tileY0 + q * cs.tileHeight),
    x1: Math.min(cs.x1, cs.tileX0 + (p + 1) * cs.tileWidth),
    y1: Math.min(cs.y1, cs.tileY0 + (q + 1) * cs.tileHeight),
  };
}

/**
 * A codestream of tile `index` alone: the image area shrinks to the tile's and the tile grid starts at
 * it, so every coordinate (and every precinct and code-block) stays where it was and the decode is the
 * same as the whole image's, bit for bit.
 */
export function singleTileCodestream(cs: Codestream, index: number, parts: Uint8Array[]): Uint8Array {
  const b = tileBounds(cs, index);
  const p = index % cs.tilesAcross;
  const q = Math.floor(index / cs.tilesAcross);
  const siz = cs.siz.slice();
  const view = new DataView(siz.buffer);
  view.setUint32(6, b.x1);
  view.setUint32(10, b.y1);
  view.setUint32(14, b.x0);
  view.setUint32(18, b.y0);
  view.setUint32(30, cs.tileX0 + p * cs.tileWidth);
  view.setUint32(34, cs.tileY0 + q * cs.tileHeight);
  const pieces = [new Uint8Array([0xff, 0x4f]), siz, ...cs.keptMarkers];
  for (const part of parts) {
    const copy = part.slice();
    new DataView(copy.buffer).setUint16(4, 0);
    pieces.push(copy);
  }
  pieces.push(new Uint8Array([0xff, 0xd9]));
  const out = new Uint8Array(pieces.reduce((n, piece) => n + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

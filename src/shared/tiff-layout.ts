/**
 * The head of a tiled, JPEG-compressed pyramidal TIFF as IIPImage and Cantaloupe read it: one page per
 * level in the main IFD chain, largest first, the smaller ones marked as reduced-resolution. The tile data
 * follows the head, in the order the caller gives it, so the file can be streamed once the sizes are known.
 */

/** One level: its pixel size; its tiles are counted row-major, TileWidth × TileLength each. */
export interface TiffLevelSize {
  width: number;
  height: number;
}

/** One tile's JPEG stream as it will follow the head: which level, which tile (row-major), how many bytes. */
export interface TiffTilePlace {
  level: number;
  index: number;
  bytes: number;
}

export interface TiffPyramidSpec {
  tileSize: number;
  /** 1: grey (MinIsBlack); 3: YCbCr, the JPEG tiles' own colour space. */
  bands: 1 | 3;
  /** The JPEG tiles' chroma subsampling: 2 for 4:2:0, 1 for 4:4:4 (ignored for grey). */
  subsampling: 1 | 2;
  levels: readonly TiffLevelSize[];
  /** Tiles in file order; every tile of every level exactly once. */
  tiles: readonly TiffTilePlace[];
  /** Write BigTIFF even when the file would fit in 4 GiB (tests); by default only when it would not. */
  forceBigTiff?: boolean;
}

export interface TiffHead {
  head: Uint8Array<ArrayBuffer>;
  bigTiff: boolean;
  /** The whole file's size: the head plus every tile. */
  totalBytes: number;
}

const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;
const LONG8 = 16;
const TYPE_BYTES: Record<number, number> = { [SHORT]: 2, [LONG]: 4, [RATIONAL]: 8, [LONG8]: 8 };
const JPEG = 7;
const MIN_IS_BLACK = 1;
const YCBCR = 6;
const REDUCED_IMAGE = 1;

interface Entry {
  tag: number;
  type: number;
  /** RATIONALs as numerator, denominator pairs. */
  values: readonly number[];
}

export function levelTileCount(level: TiffLevelSize, tileSize: number): number {
  return Math.ceil(level.width / tileSize) * Math.ceil(level.height / tileSize);
}

/** The header and every IFD, with each tile's offset where the tiles will follow it in `spec.tiles` order. */
export function tiffPyramidHead(spec: TiffPyramidSpec): TiffHead {
  checkTiles(spec);
  const tileBytes = spec.tiles.reduce((sum, t) => sum + t.bytes, 0);
  const classic = headBytes(spec, false);
  const bigTiff = spec.forceBigTiff === true || classic + tileBytes > 0xffff_ffff;
  const size = bigTiff ? headBytes(spec, true) : classic;
  const offsets = spec.levels.map((level) => new Array<number>(levelTileCount(level, spec.tileSize)).fill(0));
  const counts = spec.levels.map((level) => new Array<number>(levelTileCount(level, spec.tileSize)).fill(0));
  let at = size;
  for (const tile of spec.tiles) {
    offsets[tile.level]![tile.index] = at;
    counts[tile.level]![tile.index] = tile.bytes;
    at += tile.bytes;
  }
  const head = new Uint8Array(size);
  const view = new DataView(head.buffer);
  const writer = new IfdWriter(view, bigTiff);
  writer.header();
  for (let i = 0; i < spec.levels.length; i++) {
    writer.ifd(levelEntries(spec, i, offsets[i]!, counts[i]!, bigTiff), i === spec.levels.length - 1);
  }
  return { head, bigTiff, totalBytes: size + tileBytes };
}

function checkTiles(spec: TiffPyramidSpec): void {
  const seen = spec.levels.map((level) => new Uint8Array(levelTileCount(level, spec.tileSize)));
  for (const tile of spec.tiles) {
    const row = seen[tile.level];
    if (!row || tile.index < 0 || tile.index >= row.length || row[tile.index]!++)
      throw new Error(`TIFF tile ${tile.index} of level ${tile.level} is out of place or repeated`);
  }
  const missing = seen.findIndex((row) => row.includes(0));
  if (missing >= 0) throw new Error(`TIFF level ${missing} is missing tiles`);
}

function levelEntries(spec: TiffPyramidSpec, level: number, offsets: number[], counts: number[], big: boolean) {
  const { width, height } = spec.levels[level]!;
  const colour = spec.bands === 3;
  const pointer = big ? LONG8 : LONG;
  const entries: Entry[] = [
    { tag: 254, type: LONG, values: [level === 0 ? 0 : REDUCED_IMAGE] },
    { tag: 256, type: LONG, values: [width] },
    { tag: 257, type: LONG, values: [height] },
    { tag: 258, type: SHORT, values: colour ? [8, 8, 8] : [8] },
    { tag: 259, type: SHORT, values: [JPEG] },
    { tag: 262, type: SHORT, values: [colour ? YCBCR : MIN_IS_BLACK] },
    { tag: 277, type: SHORT, values: [spec.bands] },
    { tag: 284, type: SHORT, values: [1] },
    { tag: 322, type: LONG, values: [spec.tileSize] },
    { tag: 323, type: LONG, values: [spec.tileSize] },
    { tag: 324, type: pointer, values: offsets },
    { tag: 325, type: pointer, values: counts },
  ];
  if (colour) {
    entries.push({ tag: 530, type: SHORT, values: [spec.subsampling, spec.subsampling] });
    entries.push({ tag: 532, type: RATIONAL, values: [0, 1, 255, 1, 128, 1, 255, 1, 128, 1, 255, 1] });
  }
  return entries;
}

/** How many values an entry declares (a RATIONAL is two numbers), and the bytes they take. */
const valueCount = (e: Entry) => (e.type === RATIONAL ? e.values.length / 2 : e.values.length);
const valueBytes = (e: Entry) => valueCount(e) * TYPE_BYTES[e.type]!;
const even = (n: number) => n + (n % 2);
/** An IFD's table: its entry count, its entries and the next IFD's offset. */
const tableBytes = (entries: number, big: boolean) => (big ? 8 : 2) + entries * (big ? 20 : 12) + (big ? 8 : 4);

function headBytes(spec: TiffPyramidSpec, big: boolean): number {
  const inline = big ? 8 : 4;
  let size = big ? 16 : 8;
  spec.levels.forEach((level, i) => {
    const n = levelTileCount(level, spec.tileSize);
    const entries = levelEntries(spec, i, new Array<number>(n).fill(0), new Array<number>(n).fill(0), big);
    size += tableBytes(entries.length, big);
    for (const e of entries) if (valueBytes(e) > inline) size += even(valueBytes(e));
  });
  return size;
}

/** Writes the header, then each IFD followed by its out-of-line values, front to back. */
class IfdWriter {
  private at = 0;

  constructor(
    private readonly view: DataView,
    private readonly big: boolean,
  ) {}

  header(): void {
    this.u16(0x4949); // "II": little-endian
    if (this.big) {
      this.u16(43);
      this.u16(8);
      this.u16(0);
      this.pointer(16);
    } else {
      this.u16(42);
      this.pointer(8);
    }
  }

  ifd(entries: Entry[], last: boolean): void {
    const inline = this.big ? 8 : 4;
    let outside = this.at + tableBytes(entries.length, this.big);
    const values: { at: number; entry: Entry }[] = [];
    if (this.big) this.pointer(entries.length);
    else this.u16(entries.length);
    for (const entry of entries) {
      this.u16(entry.tag);
      this.u16(entry.type);
      if (this.big) this.pointer(valueCount(entry));
      else this.u32(valueCount(entry));
      const field = this.at;
      if (valueBytes(entry) > inline) {
        this.pointer(outside);
        values.push({ at: outside, entry });
        outside += even(valueBytes(entry));
      } else {
        this.values(entry);
        this.at = field + inline;
      }
    }
    this.pointer(last ? 0 : outside);
    for (const { at, entry } of values) {
      this.at = at;
      this.values(entry);
    }
    this.at = outside;
  }

  private values(entry: Entry): void {
    for (const v of entry.values) {
      if (entry.type === SHORT) this.u16(v);
      else if (entry.type === LONG8) this.u64(v);
      else this.u32(v);
    }
  }

  private pointer(v: number): void {
    if (this.big) this.u64(v);
    else this.u32(v);
  }

  private u16(v: number): void {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
  }

  private u32(v: number): void {
    this.view.setUint32(this.at, v, true);
    this.at += 4;
  }

  private u64(v: number): void {
    this.view.setBigUint64(this.at, BigInt(v), true);
    this.at += 8;
  }
}

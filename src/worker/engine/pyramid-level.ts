import type Vips from 'wasm-vips';
import { MAX_PATH_JPG, sizePath, tilePath, tileRow, type Size } from '../../shared/pyramid';
import type { TileFormat, TileSettings } from '../../shared/settings';
import { stackStrips } from './jpeg-restart-split';
import type { StripLayout } from './jpeg-strip-layout';
import type { BundleSink } from './pyramid-writer';
import type { RowOffload } from './row-offload';
import { joinRows, materialise } from './strip-buffers';
import { encodeImage, encodeRowFormats, givesWholeRow, type EncodedRow } from './tile-row-encoder';

type Image = Vips.Image;

/** What every level of one image's pyramid shares. */
export interface LevelContext {
  image: Size;
  settings: TileSettings;
  formats: TileFormat[];
  sink: BundleSink;
  tilesDone: number;
  offload?: RowOffload;
}

/**
 * One level of the pyramid being written: it takes strips of its full width, writes each full tile row
 * and passes the row, halved, to the next level.
 */
export class Level {
  private pending: Image | null = null;
  private row = 0;
  /** For an offered level: its rows' pixels, kept for the whole-level encodings rows cannot give. */
  private readonly kept: Image[] = [];
  /** For an offered level: its rows as JPEGs, which stack into the whole-level JPEG. */
  private readonly jpegRows: StripLayout[] = [];

  constructor(
    private readonly ctx: LevelContext,
    private readonly scaleFactor: number,
    private readonly size: Size,
    private readonly next: Level | null,
    private readonly offered: boolean,
    /** For the level `full/max` is made from: its size, which may be a pixel smaller (see maxSize). */
    private readonly max: Size | null,
  ) {}

  /** Whether `full/max` is this level resampled rather than this level's own bytes. */
  private get resamplesMax(): boolean {
    return !!this.max && (this.max.width !== this.size.width || this.max.height !== this.size.height);
  }

  /** Takes ownership of `rows`, a materialised strip of this level's full width. */
  push(rows: Image): void {
    let pending = this.pending ? joinRows(this.pending, rows) : rows;
    const T = this.ctx.settings.tileSize;
    while (pending.height >= T) {
      const full = pending.height === T;
      const strip = full ? pending : materialise(pending.crop(0, 0, this.size.width, T));
      const rest = full ? null : materialise(pending.crop(0, T, this.size.width, pending.height - T));
      if (!full) pending.delete();
      this.emit(strip);
      if (!rest) {
        this.pending = null;
        return;
      }
      pending = rest;
    }
    this.pending = pending;
  }

  /** Writes the last partial tile row, then lets the next level finish. */
  finish(): void {
    if (this.pending) this.emit(this.pending);
    this.pending = null;
    this.next?.finish();
  }

  /** Once every row of every level is encoded: the whole-level derivatives of this level and those below. */
  writeWholeLevels(): void {
    if (this.offered) this.writeWholeLevel();
    this.next?.writeWholeLevels();
  }

  private emit(strip: Image): void {
    const { settings, image, formats, sink, offload } = this.ctx;
    const tiles = tileRow(image, settings.tileSize, this.scaleFactor, this.row);
    const row = this.row++;
    const store = (encoded: EncodedRow[]) => {
      encoded.forEach(({ tiles: bytes, row: whole }, f) => {
        for (const [tile, file] of bytes) sink.put(tilePath(tile, formats[f] ?? 'jpg'), file);
        if (whole) this.jpegRows[row] = whole;
      });
      this.ctx.tilesDone += tiles.length;
    };
    const spec = { tiles, tileSize: settings.tileSize, quality: settings.quality, formats, wholeRow: this.offered };
    // The whole-level encodings that rows cannot give are made from the level's pixels.
    const keepPixels =
      this.offered && (this.resamplesMax || formats.some((f) => f !== 'jpg' || !givesWholeRow(this.size.width)));
    if (offload?.takes(this.scaleFactor)) offload.encode(strip, spec, store);
    else store(encodeRowFormats(strip, spec));
    if (this.next) this.next.push(halve(strip));
    if (keepPixels) this.kept.push(strip);
    else strip.delete();
  }

  private writeWholeLevel(): void {
    const { formats, sink, settings } = this.ctx;
    const joins: Image[] = [];
    let whole: Image | undefined;
    // Lazy joins, evaluated by the encoder (arrayjoin would pad every strip to the tallest).
    const joinKept = () =>
      this.kept.reduce((above, below) => {
        const joined = above.join(below, 'vertical');
        joins.push(joined);
        return joined;
      });
    for (const format of formats) {
      const bytes =
        format === 'jpg' && givesWholeRow(this.size.width)
          ? stackStrips(this.everyJpegRow())
          : encodeImage((whole ??= joinKept()), format, settings.quality);
      sink.put(sizePath(this.size, format), bytes);
      if (!this.max) continue;
      const maxBytes = this.resamplesMax ? this.encodeResampled((whole ??= joinKept()), this.max, format) : bytes;
      sink.put(MAX_PATH_JPG.replace(/jpg$/, format), maxBytes);
    }
    for (const image of [...joins, ...this.kept.splice(0)]) image.delete();
  }

  private encodeResampled(level: Image, to: Size, format: TileFormat): Uint8Array {
    const resized = level.resize(to.width / level.width, { vscale: to.height / level.height });
    try {
      if (resized.width !== to.width || resized.height !== to.height) {
        throw new RangeError(`full/max resampled to ${resized.width}×${resized.height}, not ${to.width}×${to.height}`);
      }
      return encodeImage(resized, format, this.ctx.settings.quality);
    } finally {
      resized.delete();
    }
  }

  /** The level's row JPEGs, all of them: every row's encoding has been stored by the time levels are whole. */
  private everyJpegRow(): StripLayout[] {
    const rows = this.jpegRows.splice(0);
    // filter, not length: rows are stored by index as they arrive, and holes do not count.
    if (rows.filter(Boolean).length !== this.row)
      throw new RangeError(`a row of the ${this.size.width} px level has no JPEG`);
    return rows;
  }
}

/** Half size with ceil rounding: an odd last column or row is repeated before the 2×2 average. */
function halve(strip: Image): Image {
  const w = Math.ceil(strip.width / 2) * 2;
  const h = Math.ceil(strip.height / 2) * 2;
  const padded = w === strip.width && h === strip.height ? null : strip.embed(0, 0, w, h, { extend: 'copy' });
  const half = materialise((padded ?? strip).shrink(2, 2));
  padded?.delete();
  return half;
}

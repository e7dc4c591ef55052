import type { Size } from '../../shared/pyramid';
import type { Rect } from './orientation';
import type { ScratchFile } from './scratch-file';

/**
 * Under a quarter turn each stored strip becomes a narrow band of upright columns, one short piece per
 * upright row. Writing those pieces one by one costs a system call each (millions on a gigapixel image),
 * so neighbouring bands are gathered in memory up to a byte budget and each row's piece is written once.
 */
export class ColumnBandWriter {
  private readonly rowStride: number;
  private readonly columns: number;
  private readonly buffer: Uint8Array;
  /** Upright column of the buffer's first column, and the columns filled so far: [from, to). */
  private base = 0;
  private from = 0;
  private to = 0;

  constructor(
    private readonly file: ScratchFile,
    private readonly headerBytes: number,
    private readonly upright: Size,
    private readonly bands: number,
    /** Bands arrive left to right (orientations 5, 8) or right to left (6, 7). */
    private readonly leftwards: boolean,
    bandWidth: number,
    budgetBytes: number,
  ) {
    this.columns = Math.max(bandWidth, Math.floor(budgetBytes / (upright.height * bands)));
    this.rowStride = this.columns * bands;
    this.buffer = new Uint8Array(this.rowStride * upright.height);
  }

  /** `pixels` is the upright content of `rect`, a full-height band of columns, row by row. */
  add(pixels: Uint8Array, rect: Rect): void {
    if (this.to > this.from && (rect.x < this.base || rect.x + rect.width > this.base + this.columns)) this.flush();
    if (this.to === this.from) {
      this.base = this.leftwards ? rect.x + rect.width - this.columns : rect.x;
      this.from = rect.x;
      this.to = rect.x + rect.width;
    }
    this.from = Math.min(this.from, rect.x);
    this.to = Math.max(this.to, rect.x + rect.width);
    const pieceBytes = rect.width * this.bands;
    const offset = (rect.x - this.base) * this.bands;
    for (let row = 0; row < rect.height; row++) {
      const start = row * pieceBytes;
      this.buffer.set(pixels.subarray(start, start + pieceBytes), row * this.rowStride + offset);
    }
  }

  /** Writes the gathered columns: one piece per upright row. */
  flush(): void {
    if (this.to === this.from) return;
    const { width, height } = this.upright;
    const start = (this.from - this.base) * this.bands;
    const end = (this.to - this.base) * this.bands;
    for (let row = 0; row < height; row++) {
      const line = row * this.rowStride;
      this.file.write(
        this.buffer.subarray(line + start, line + end),
        this.headerBytes + (row * width + this.from) * this.bands,
      );
    }
    this.from = this.to = 0;
  }
}

import type Vips from 'wasm-vips';
import type { TileSpec } from '../../shared/pyramid';
import type { RowBytes, RowHelper, RowJob, RowSpec } from '../../shared/row-job';
import { withTimeout } from '../../shared/with-timeout';
import { readLayout } from './jpeg-strip-layout';
import { encodeRowFormats, type EncodedRow } from './tile-row-encoder';

/** What a helper does with a job: the same encoder the owner would have run, on a copy of the pixels. */
export function encodeRowJob(vips: typeof Vips, job: RowJob): RowBytes[] {
  const image = vips.Image.newFromMemory(job.pixels, job.width, job.height, job.bands, vips.BandFormat.uchar);
  try {
    return encodeRowFormats(image, job).map((encoded) => ({
      tiles: encoded.tiles.map(([, bytes]) => bytes),
      row: encoded.row?.bytes,
    }));
  } finally {
    image.delete();
  }
}

/** Buffers a RowBytes list holds, to transfer instead of copy. */
export function rowBuffers(rows: RowBytes[]): ArrayBuffer[] {
  return rows.flatMap((r) => [...r.tiles, ...(r.row ? [r.row] : [])].map((b) => b.buffer as ArrayBuffer));
}

/** Widest row sent: wider strips fall in the sizes wasm-vips' allocator does not reuse (see strip-buffers.ts). */
const MAX_SENT_WIDTH = 8192;
/** Levels whose rows may go to a helper: levels 0 and 1 balance the owner's decoding and halving (measured). */
const OFFLOADED_SCALE = 2;
/**
 * A helper that has not answered a row in this time is given up, and that row and the rest are encoded
 * here. A row takes it about 100 ms. The owner sends no sign of life while it waits, so this stays under
 * the stall limit (60 s by default; a limit set under 2 s would stop the job instead).
 */
const DEFAULT_ANSWER_MS = 2_000;

/**
 * Sends tile rows to a helper and hands back their encodings, or encodes a row here when the helper is not
 * ready, fails or does not answer: a helper can speed a job up but never make it fail.
 */
export class RowOffload {
  private usable = false;
  private released = false;
  private helperFailed = false;
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown;
  /** Rows the helper encoded in the current attempt, for the job's notes. */
  rowsHelped = 0;

  constructor(
    private readonly helper: RowHelper,
    private readonly answerMs = DEFAULT_ANSWER_MS,
  ) {
    helper.ready().then(
      () => (this.usable = !this.released),
      () => undefined,
    );
  }

  /** Starts an attempt at an image `width` px wide; one too wide for any row to be sent lets the helper go. */
  startImage(width: number): void {
    this.rowsHelped = 0;
    this.failure = undefined;
    if (Math.ceil(width / OFFLOADED_SCALE) > MAX_SENT_WIDTH) this.release();
  }

  /** Whether rows of the level at `scaleFactor` go through encode (else the caller encodes them). */
  takes(scaleFactor: number): boolean {
    return !this.released && scaleFactor <= OFFLOADED_SCALE;
  }

  /** Lets the helper go (see RowHelper.release); later rows are encoded here. Call when the job ends. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.usable = false;
    this.helper.release(this.helperFailed);
  }

  /**
   * Encodes `strip`'s tiles in each format and passes them to `onEncoded`: at once, or later when the
   * helper takes the row. Does not take ownership of `strip`; a handle on it is kept until the helper
   * answers, to encode the row here if it fails.
   */
  encode(strip: Vips.Image, job: RowSpec, onEncoded: (rows: EncodedRow[]) => void): void {
    if (!this.usable || strip.width > MAX_SENT_WIDTH || this.helper.accepts?.(job, strip.bands) === false) {
      return onEncoded(encodeRowFormats(strip, job));
    }
    const held = strip.copy();
    const memory = strip.writeToMemory();
    const pixels = new Uint8Array(memory.buffer, memory.byteOffset, memory.byteLength);
    const { width, height, bands } = strip;
    const done = withTimeout(this.helper.encodeRow({ ...job, pixels, width, height, bands }), this.answerMs)
      .then((rows) => {
        const encoded = rows.map((r): EncodedRow => ({
          tiles: job.tiles.map((tile, i) => [tile, r.tiles[i] ?? missing(tile)]),
          row: r.row && readLayout(r.row),
        }));
        this.rowsHelped++;
        return encoded;
      })
      .catch(() => {
        this.usable = false;
        this.helperFailed = true;
        return encodeRowFormats(held, job);
      })
      .then(onEncoded)
      .catch((error: unknown) => void (this.failure ??= error))
      .finally(() => {
        held.delete();
        this.pending.delete(done);
      });
    this.pending.add(done);
  }

  /** Waits until at most `count` rows are with the helper, so pixels in flight stay bounded; throws what a row threw. */
  async drainTo(count: number): Promise<void> {
    while (this.pending.size > count) await Promise.race(this.pending);
    if (this.failure !== undefined) throw this.failure;
  }
}

function missing(tile: TileSpec): never {
  throw new RangeError(`the helper returned no bytes for tile column ${tile.col}`);
}

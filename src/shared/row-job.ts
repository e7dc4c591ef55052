import type { TileSpec } from './pyramid';
import type { TileFormat } from './settings';

/** One tile row for another thread to encode: its pixels (8-bit, interleaved) and what the encoder needs. */
export interface RowJob {
  pixels: Uint8Array;
  width: number;
  height: number;
  bands: number;
  tiles: TileSpec[];
  tileSize: number;
  quality: number;
  formats: TileFormat[];
  /** Encode the row whole, so rows stack into the level's whole image (see the worker's tile-row-encoder). */
  wholeRow: boolean;
}

/** What the owner says about a row besides its pixels. */
export type RowSpec = Omit<RowJob, 'pixels' | 'width' | 'height' | 'bands'>;

/** A row's encoding in one format, as bytes that can cross threads. */
export interface RowBytes {
  tiles: Uint8Array[];
  /** The whole row as one JPEG, when the job asked for it (rows up to one encoder run wide). */
  row?: Uint8Array;
}

/**
 * A worker lent to another worker's job: it encodes tile rows while the owner decodes and halves. The
 * lent worker exposes this on a MessagePort; the owner's engine calls it.
 */
export interface RowHelper {
  /** Settles once the helper's libvips has started; rows go to it only after that. */
  ready(): Promise<void>;
  /** Whether it encodes a row like this one (checked before its pixels are copied); absent: every row. */
  accepts?(spec: RowSpec, bands: number): boolean;
  /** One RowBytes per format of the job, in its order. */
  encodeRow(job: RowJob): Promise<RowBytes[]>;
  /** Ends the lending: no more rows come. `failed`: a row failed or went unanswered on the helper. */
  release(failed: boolean): void;
}

import type { LabelValue } from './descriptive';
import type { EncodeRoute, EncoderChoice } from './encoder-route';
import type { InputPolicy } from './input-policy';
import type { TileSettings } from './settings';
import type { ImageFormat } from './sniff';

/** One job for a tiling worker: it reads `file`, writes the pyramid into IndexedDB under `imageId`. */
export interface TileRequest {
  imageId: string;
  file: File;
  settings: TileSettings;
  policy: InputPolicy;
  /** Which full-resolution page of a multi-page TIFF: each is a canvas of its own. */
  page?: number;
  /** Who encodes the large levels' tile rows (see EncoderChoice); libvips when absent. */
  encoder?: EncoderChoice;
}

/** Events from a running job; every one is also a sign of life for the owner's watchdog. */
export type TileEvent =
  | { type: 'ready' }
  | { type: 'started'; width: number; height: number }
  /** A large image with EXIF orientation 3–8 being turned upright through a scratch file, before tiling. */
  | { type: 'turning'; rowsDone: number; rowsTotal: number }
  | { type: 'progress'; tilesDone: number; tilesTotal: number }
  /** The worker lent to this job is free again; `failed`: a row failed or went unanswered on it. */
  | { type: 'helper-released'; failed: boolean };

export interface TileResult {
  format: ImageFormat;
  /** Which encoder wrote the tile rows. */
  route: EncodeRoute;
  width: number;
  height: number;
  notes: string[];
  /** What a person should check before publishing (see TileOutcome). */
  warnings: string[];
  /** What the file said about itself (resolution, bands used, damage), for the manifest. */
  metadata: LabelValue[];
  damaged: boolean;
  storedBytes: number;
  /** Peak wasm memory during the job, for the worker's owner to decide on recycling it. */
  wasmBytes: number;
}

/** The tiling worker's API, written once: the worker `satisfies` it, the UI wraps it with Comlink. */
export interface TilerApi {
  /** `helper`: a port to another worker lent to this job (see `lend`), which may encode some tile rows. */
  tile(request: TileRequest, onEvent: (event: TileEvent) => void, helper?: MessagePort): Promise<TileResult>;
  /** Lends this worker to another's job: it answers RowHelper calls on `port` until that job releases it. */
  lend(port: MessagePort): Promise<void>;
  /** The worker's wasm memory now (it never shrinks): a lent worker reports it when the lending ends. */
  wasmBytes(): Promise<number>;
  /** Starts libvips now (wasm compile and init, about a second), so the first dropped image need not wait. */
  warmUp(): Promise<void>;
  /** A pyramidal TIFF's edge tiles: each JPEG extended to tileSize × tileSize and encoded at `quality`. */
  padTiles(jpegs: ArrayBuffer[], tileSize: number, quality: number): Promise<ArrayBuffer[]>;
}

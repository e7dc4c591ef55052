import * as Comlink from 'comlink';
import type { TileEvent, TileRequest, TileResult, TilerApi } from '../shared/tiler-contract';
import { CLEAN_FAILURES, TileError } from '../shared/tile-error';
import { withTimeout } from '../shared/with-timeout';
import { Watchdog } from './watchdog';

/** wasm memory never shrinks: a worker that grew past this is replaced after its job. */
const RECYCLE_AFTER_BYTES = 512 * 1024 * 1024;
/**
 * A fresh worker must have libvips running within these times, one per attempt, or it is replaced (it is
 * not the image's fault). It usually takes 0.5–1.5 s. The first limits are short because Firefox ESR now
 * and then never requests some of wasm-vips' pthread workers and waits for them for good (docs/tests.md);
 * the later ones leave a slow machine time to compile the wasm.
 */
const STARTUP_LIMITS_MS = [5_000, 10_000, 20_000, 40_000];
/** A lent worker asked for its memory after the lending must answer within this time, or it is replaced. */
const LENT_ANSWER_MS = 2_000;

export interface BridgeLimits {
  /** A job whose worker sends no event for this long is stopped and fails as stalled. */
  stallMs: number;
}

class StartupStalled extends Error {}

/** Owns one tiling worker: starts it on first use, replaces it after a large job, a crash or a stall. */
export class TilerBridge {
  private worker: Worker | null = null;
  private api: Comlink.Remote<TilerApi> | null = null;
  private crashed: Promise<never> | null = null;
  private abort: ((reason: Error) => void) | null = null;
  /** The current worker's libvips has started: lending it helps at once instead of competing with its start. */
  private started: Comlink.Remote<TilerApi> | null = null;

  get warm(): boolean {
    return this.api !== null && this.started === this.api;
  }

  /** `helper`: a port to another worker lent to this job; it goes to the first attempt only (ports move once). */
  async tile(
    request: TileRequest,
    onEvent: (event: TileEvent) => void,
    limits: BridgeLimits,
    helper?: MessagePort,
  ): Promise<TileResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.attempt(request, onEvent, limits, attempt === 1 ? helper : undefined, attempt);
        if (result.wasmBytes > RECYCLE_AFTER_BYTES) {
          // The replacement starts now, so the next image dropped does not wait for libvips to start.
          this.stop();
          this.warmUp();
        } else this.started = this.api;
        return result;
      } catch (error) {
        // After a crash, a stall or anything unnamed, the worker's wasm state is unknown: replace it.
        if (!(error instanceof Error && CLEAN_FAILURES.has(error.name))) this.stop();
        if (error instanceof StartupStalled && attempt < STARTUP_LIMITS_MS.length) {
          // The lent port went to the stopped worker and retries go without: give the helper back now.
          if (helper) onEvent({ type: 'helper-released', failed: false });
          continue;
        }
        if (error instanceof StartupStalled) {
          throw new TileError(
            'WorkerCrashed',
            `The image engine did not start in ${STARTUP_LIMITS_MS.length} attempts`,
          );
        }
        throw error;
      }
    }
  }

  /**
   * Starts the worker and libvips ahead of any job, with a new worker after each of STARTUP_LIMITS_MS; a
   * job that took the worker meanwhile has its own watchdog instead.
   */
  warmUp(retries = 0): void {
    const { api } = this.start();
    const limit = STARTUP_LIMITS_MS[retries];
    const retry =
      limit === undefined
        ? undefined
        : setTimeout(() => {
            if (this.api !== api || this.started === api || this.abort) return;
            this.stop();
            this.warmUp(retries + 1);
          }, limit);
    void api
      .warmUp()
      .then(() => (this.started = api))
      .catch(() => undefined)
      .finally(() => clearTimeout(retry));
  }

  /** Lends this worker to another's job through `port` (starting it if need be); the job releases it. */
  lend(port: MessagePort): void {
    void this.start()
      .api.lend(Comlink.transfer(port, [port]))
      .catch(() => undefined);
  }

  /**
   * After a lending: a worker whose lending failed, that does not answer, or that grew past the limit
   * is replaced, as after a job of its own.
   */
  async afterLending(failed: boolean): Promise<void> {
    const api = this.api;
    if (!api) return;
    const bytes = failed ? Infinity : await withTimeout(api.wasmBytes(), LENT_ANSWER_MS).catch(() => Infinity);
    if (bytes > RECYCLE_AFTER_BYTES && this.api === api) {
      this.stop();
      this.warmUp();
    }
  }

  /** Re-encodes a pyramidal TIFF's edge tiles (see TilerApi.padTiles); a crash rejects. */
  async padTiles(jpegs: Uint8Array[], tileSize: number, quality: number): Promise<Uint8Array[]> {
    const { api, crashed } = this.start();
    const buffers = jpegs.map((j) => j.slice().buffer);
    const padded = await Promise.race([api.padTiles(Comlink.transfer(buffers, buffers), tileSize, quality), crashed]);
    return padded.map((b) => new Uint8Array(b));
  }

  /** Stops the job in progress, if any, with its worker. */
  cancel(): void {
    this.abort?.(new TileError('Cancelled', 'Cancelled'));
    this.stop();
  }

  stop(): void {
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.crashed = null;
  }

  private async attempt(
    request: TileRequest,
    onEvent: (e: TileEvent) => void,
    limits: BridgeLimits,
    helper: MessagePort | undefined,
    attempt: number,
  ) {
    const { api, crashed } = this.start();
    let ready = false;
    const watchdog = new Watchdog(STARTUP_LIMITS_MS[attempt - 1] ?? 0, () =>
      ready
        ? new TileError('Stalled', `Stopped: the decoder made no progress for ${limits.stallMs / 1000} s`)
        : new StartupStalled(),
    );
    const relay = (event: TileEvent) => {
      ready = true;
      watchdog.kick(limits.stallMs);
      if (event.type !== 'ready') onEvent(event);
    };
    const cancelled = new Promise<never>((_, reject) => (this.abort = reject));
    cancelled.catch(() => {});
    try {
      const tiled = api.tile(request, Comlink.proxy(relay), helper && Comlink.transfer(helper, [helper]));
      return await Promise.race([tiled, crashed, watchdog.expired, cancelled]);
    } finally {
      watchdog.stop();
      this.abort = null;
    }
  }

  private start(): { api: Comlink.Remote<TilerApi>; crashed: Promise<never> } {
    if (!this.worker || !this.api || !this.crashed) {
      const worker = new Worker(new URL('../worker/tiler.worker.ts', import.meta.url), { type: 'module' });
      this.crashed = new Promise<never>((_, reject) => {
        worker.addEventListener('error', (event) => {
          event.preventDefault();
          reject(new TileError('WorkerCrashed', `The tiling worker stopped: ${event.message || 'unknown error'}`));
          // Also when no job of its own runs (a lent worker): it is replaced, never lent again.
          if (this.worker === worker) this.stop();
        });
      });
      this.crashed.catch(() => {});
      this.worker = worker;
      this.api = Comlink.wrap<TilerApi>(worker);
    }
    return { api: this.api, crashed: this.crashed };
  }
}

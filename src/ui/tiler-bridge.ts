import * as Comlink from 'comlink';
import type { TileEvent, TileRequest, TileResult, TilerApi } from '../shared/tiler-contract';
import { TileError } from '../shared/tile-error';

/** wasm memory never shrinks: a worker that grew past this is replaced after its job. */
const RECYCLE_AFTER_BYTES = 512 * 1024 * 1024;

/** Owns one tiling worker: starts it on first use, replaces it after a large job or a crash. */
export class TilerBridge {
  private worker: Worker | null = null;
  private api: Comlink.Remote<TilerApi> | null = null;
  private crashed: Promise<never> | null = null;

  async tile(request: TileRequest, onEvent: (event: TileEvent) => void): Promise<TileResult> {
    const { api, crashed } = this.start();
    try {
      const result = await Promise.race([api.tile(request, Comlink.proxy(onEvent)), crashed]);
      if (result.wasmBytes > RECYCLE_AFTER_BYTES) this.stop();
      return result;
    } catch (error) {
      // After a failure the worker's wasm state is unknown: the next job gets a fresh one.
      this.stop();
      throw error;
    }
  }

  stop(): void {
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.crashed = null;
  }

  private start(): { api: Comlink.Remote<TilerApi>; crashed: Promise<never> } {
    if (!this.worker || !this.api || !this.crashed) {
      const worker = new Worker(new URL('../worker/tiler.worker.ts', import.meta.url), { type: 'module' });
      this.crashed = new Promise<never>((_, reject) => {
        worker.addEventListener('error', (event) => {
          event.preventDefault();
          reject(new TileError('WorkerCrashed', `The tiling worker stopped: ${event.message || 'unknown error'}`));
        });
      });
      this.crashed.catch(() => {});
      this.worker = worker;
      this.api = Comlink.wrap<TilerApi>(worker);
    }
    return { api: this.api, crashed: this.crashed };
  }
}

import type { EncoderChoice } from '../shared/encoder-route';
import { describeFailure } from '../shared/tile-error';
import type { Project } from './project';
import { TilerBridge } from './tiler-bridge';

/** Files above this size count as large: two large images never tile at once, so memory stays bounded. */
export const LARGE_FILE_BYTES = 64 * 1024 * 1024;
/**
 * An idle worker is lent to a job whose file is at most this size (a few seconds' work), so that images
 * dropped meanwhile do not wait long for it; a job on a larger file keeps its worker to itself.
 */
const LEND_MAX_BYTES = 32 * 1024 * 1024;

/** A worker lent to one job: the port the job's worker gets, and how the lending ends. */
interface Lending {
  port: MessagePort;
  end(failed: boolean): Promise<void>;
}

interface Lane {
  bridge: TilerBridge;
  current: string | null;
  large: boolean;
  /** Lent to the job on another lane: it encodes tile rows for it. */
  helping: boolean;
}

export interface RunnerOptions {
  /** How many workers may tile at once. */
  workers(): number;
  stallMs(): number;
  /** Who encodes the large levels' tile rows (Advanced settings). */
  encoder(): EncoderChoice;
  /** No worker starts before this settles (see whenControlled). */
  startAfter: Promise<void>;
}

/**
 * Runs queued images on a pool of workers, each with its own wasm-vips. Jobs are read from the project
 * (record and stored source file) when they start, so a queue of hundreds holds only ids.
 */
export class JobRunner {
  private readonly queue: string[] = [];
  private readonly lanes: Lane[] = [];
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly project: Project,
    private readonly options: RunnerOptions,
  ) {}

  enqueue(ids: readonly string[]): void {
    this.queue.push(...ids);
    void this.options.startAfter.then(() => this.pump());
  }

  get busy(): boolean {
    return this.queue.length > 0 || this.lanes.some((l) => l.current);
  }

  /** Calls `then` once no image is queued or tiling and no worker is lent: at once if that is now. */
  whenIdle(then: () => void): void {
    this.idleWaiters.push(then);
    this.settleIdle();
  }

  private settleIdle(): void {
    if (this.busy || this.lanes.some((l) => l.helping)) return;
    for (const then of this.idleWaiters.splice(0)) then();
  }

  /** Stops one image: taken off the queue, or its worker stopped. It ends failed as cancelled, and can be retried. */
  cancel(id: string): void {
    const queued = this.queue.indexOf(id);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      void this.project.fail(id, 'Cancelled', 'Cancelled');
    }
    this.lanes.find((l) => l.current === id)?.bridge.cancel();
  }

  cancelAll(): void {
    for (const id of [...this.queue]) this.cancel(id);
    for (const lane of this.lanes) if (lane.current) lane.bridge.cancel();
  }

  /**
   * Re-encodes a pyramidal TIFF's edge tiles on an idle started worker, kept from jobs meanwhile, or on a
   * worker of its own when none is idle (a batch is running).
   */
  async padTiles(jpegs: Uint8Array[], tileSize: number, quality: number): Promise<Uint8Array[]> {
    const lane = this.lanes.find((l) => this.idle(l) && l.bridge.warm);
    if (!lane) {
      const bridge = new TilerBridge();
      try {
        return await bridge.padTiles(jpegs, tileSize, quality);
      } finally {
        bridge.stop();
      }
    }
    lane.helping = true;
    try {
      return await lane.bridge.padTiles(jpegs, tileSize, quality);
    } finally {
      lane.helping = false;
      this.pump();
      this.settleIdle();
    }
  }

  /** Starts the first worker before any drop: the first preview then waits for tiling only. */
  warmUp(): void {
    void this.options.startAfter.then(() => {
      this.addLanes();
      this.lanes[0]!.bridge.warmUp();
    });
  }

  private addLanes(): number {
    const size = Math.max(1, this.options.workers());
    while (this.lanes.length < size) {
      this.lanes.push({ bridge: new TilerBridge(), current: null, large: false, helping: false });
    }
    return size;
  }

  private pump(): void {
    const size = this.addLanes();
    const largeRunning = () => this.lanes.some((l) => l.current && l.large);
    const lanes = this.lanes.slice(0, size);
    for (const lane of lanes) {
      if (!this.idle(lane)) continue;
      const index = this.queue.findIndex((id) => !(this.isLarge(id) && largeRunning()));
      if (index < 0) return;
      const [id] = this.queue.splice(index, 1);
      lane.current = id!;
      lane.large = this.isLarge(id!);
      const lending = this.lendable(id!) ? this.lend(lanes.find((l) => this.idle(l) && l.bridge.warm)) : undefined;
      void this.run(lane, id!, lending)
        .finally(() => lending?.end(false))
        .finally(() => {
          lane.current = null;
          this.pump();
          // Idle workers start now, between jobs, so that the next image dropped can borrow them.
          if (this.queue.length === 0) for (const l of lanes) if (this.idle(l) && !l.bridge.warm) l.bridge.warmUp();
          this.settleIdle();
        });
    }
  }

  /** Lends `helper`'s worker to a job through a new channel; `end` gives it back, once. */
  private lend(helper: Lane | undefined): Lending | undefined {
    if (!helper) return undefined;
    const channel = new MessageChannel();
    helper.helping = true;
    helper.bridge.lend(channel.port2);
    let ended: Promise<void> | undefined;
    return {
      port: channel.port1,
      end: (failed) =>
        (ended ??= helper.bridge.afterLending(failed).finally(() => {
          helper.helping = false;
          channel.port1.close();
          this.pump();
          this.settleIdle();
        })),
    };
  }

  private idle(lane: Lane): boolean {
    return !lane.current && !lane.helping;
  }

  /** An idle worker helps a job only when nothing else waits for it (see LEND_MAX_BYTES). */
  private lendable(id: string): boolean {
    return this.queue.length === 0 && (this.project.images.get(id)?.sourceBytes ?? Infinity) <= LEND_MAX_BYTES;
  }

  private isLarge(id: string): boolean {
    return (this.project.images.get(id)?.sourceBytes ?? 0) > LARGE_FILE_BYTES;
  }

  private async run(lane: Lane, id: string, lending: Lending | undefined): Promise<void> {
    const record = this.project.images.get(id);
    const file = await this.project.source(id);
    if (!record || !file) {
      if (record) await this.project.fail(id, 'The dropped file is no longer stored: add it again');
      return;
    }
    const started = performance.now();
    let turned = false;
    await this.project.update(id, { state: 'running', error: undefined });
    try {
      const result = await lane.bridge.tile(
        {
          imageId: id,
          file,
          settings: record.settings,
          policy: record.policy,
          page: record.page,
          encoder: this.options.encoder(),
        },
        (event) => {
          if (event.type === 'started') void this.project.update(id, { width: event.width, height: event.height });
          if (event.type === 'helper-released') void lending?.end(event.failed);
          // An image turned through a scratch file shows the turn as the first half of its progress.
          if (event.type === 'turning') {
            turned = true;
            this.project.setProgress(id, event.rowsDone / event.rowsTotal / 2);
          }
          if (event.type === 'progress') {
            const fraction = event.tilesDone / event.tilesTotal;
            this.project.setProgress(id, turned ? 0.5 + fraction / 2 : fraction);
          }
        },
        { stallMs: this.options.stallMs() },
        lending?.port,
      );
      await this.project.finish(id, {
        format: result.format,
        route: result.route,
        width: result.width,
        height: result.height,
        notes: result.notes,
        warnings: result.warnings,
        sourceMetadata: result.metadata,
        damaged: result.damaged,
        storedBytes: result.storedBytes,
        wasmBytes: result.wasmBytes,
        elapsedMs: Math.round(performance.now() - started),
      });
    } catch (error) {
      await this.project.fail(id, describeFailure(error), error instanceof Error ? error.name : undefined);
      // A full disk fails every image after it too: stop the batch, keep everything finished.
      if (error instanceof Error && error.name === 'StorageFailed') {
        for (const queued of this.queue.splice(0))
          await this.project.fail(queued, `Stopped: ${describeFailure(error)}`, 'StorageFailed');
      }
    }
  }
}

import type { InputPolicy } from '../shared/input-policy';
import type { TileSettings } from '../shared/settings';
import { describeFailure } from '../shared/tile-error';
import type { Project } from './project';
import type { TilerBridge } from './tiler-bridge';

interface QueuedJob {
  id: string;
  file: File;
  settings: TileSettings;
  policy: InputPolicy;
}

/** Runs queued images one after another; a failure marks that image and the queue goes on. */
export class JobRunner {
  private readonly queue: QueuedJob[] = [];
  private running = false;

  constructor(
    private readonly project: Project,
    private readonly bridge: TilerBridge,
    private readonly stallMs: () => number,
  ) {}

  enqueue(job: QueuedJob): void {
    this.queue.push(job);
    void this.drain();
  }

  get busy(): boolean {
    return this.running;
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) await this.run(job);
    } finally {
      this.running = false;
    }
  }

  private async run({ id, file, settings, policy }: QueuedJob): Promise<void> {
    const started = performance.now();
    await this.project.update(id, { state: 'running', error: undefined });
    try {
      const result = await this.bridge.tile(
        { imageId: id, file, settings, policy },
        (event) => {
          if (event.type === 'started') void this.project.update(id, { width: event.width, height: event.height });
          if (event.type === 'progress') this.project.setProgress(id, event.tilesDone / event.tilesTotal);
        },
        { stallMs: this.stallMs() },
      );
      await this.project.update(id, {
        state: 'done',
        width: result.width,
        height: result.height,
        notes: result.notes,
        damaged: result.damaged,
        storedBytes: result.storedBytes,
        wasmBytes: result.wasmBytes,
        elapsedMs: Math.round(performance.now() - started),
      });
    } catch (error) {
      await this.project.fail(id, describeFailure(error));
    }
  }
}

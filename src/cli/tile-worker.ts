import { open } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import Vips from 'wasm-vips';
import type { InputPolicy } from '../shared/input-policy';
import type { TileSettings } from '../shared/settings';
import { SNIFF_LENGTH } from '../shared/sniff';
import { describeFailure } from '../shared/tile-error';
import { tileImage } from '../worker/engine/tile-image';
import { FileSink } from './file-sink';
import { openTempScratch } from './temp-scratch';

/** One file for this worker thread: the same engine as the browser's worker, writing to disk. */
export interface CliJob {
  path: string;
  folder: string;
  settings: TileSettings;
  policy: InputPolicy;
}

export type CliResult =
  { ok: true; width: number; height: number; notes: string[] } | { ok: false; error: string; code: string };

const vips = Vips().then((v) => {
  v.Cache.max(0);
  v.concurrency(1);
  return v;
});

async function run(job: CliJob): Promise<CliResult> {
  const sink = new FileSink(job.folder);
  try {
    const handle = await open(job.path);
    const size = (await handle.stat()).size;
    const head = new Uint8Array(Math.min(SNIFF_LENGTH, size));
    await handle.read(head, 0, head.length, 0);
    await handle.close();
    const v = await vips;
    const outcome = await tileImage(
      v,
      {
        head,
        byteLength: size,
        openSource: () => v.Source.newFromFile(job.path),
        settings: job.settings,
        policy: job.policy,
        openScratch: (bytes) => openTempScratch(bytes),
      },
      sink,
      { onStart: () => {}, onProgress: () => {} },
    );
    return { ok: true, width: outcome.width, height: outcome.height, notes: outcome.notes };
  } catch (error) {
    await sink.clear();
    return { ok: false, error: describeFailure(error), code: error instanceof Error ? error.name : 'Error' };
  }
}

parentPort?.on('message', (job: CliJob) => {
  void run(job).then((result) => parentPort?.postMessage(result));
});

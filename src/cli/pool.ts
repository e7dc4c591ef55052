import { Worker } from 'node:worker_threads';
import type { CliJob, CliResult } from './tile-worker';

/**
 * Runs jobs on `size` worker threads, one job per thread at a time, in order of the list. A thread that
 * dies fails only its job and is replaced (wasm memory never shrinks, a trap leaves libvips unusable).
 */
export async function runPool(
  jobs: readonly CliJob[],
  size: number,
  workerFile: string,
  onResult: (index: number, result: CliResult) => void,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    let worker: Worker | null = null;
    for (let index = next++; index < jobs.length; index = next++) {
      worker ??= new Worker(workerFile);
      const result = await runOne(worker, jobs[index]!).catch((error: unknown) => {
        void worker?.terminate();
        worker = null;
        return { ok: false as const, code: 'WorkerCrashed', error: `The tiling thread stopped: ${String(error)}` };
      });
      onResult(index, result);
    }
    await worker?.terminate();
  };
  await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, lane));
}

function runOne(worker: Worker, job: CliJob): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', reject);
      worker.off('exit', onExit);
    };
    const onMessage = (result: CliResult) => {
      done();
      resolve(result);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`exit code ${code}`));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.postMessage(job);
  });
}

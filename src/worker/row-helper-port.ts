import * as Comlink from 'comlink';
import type { RowHelper } from '../shared/row-job';
import { encodeRowJob, rowBuffers } from './engine/row-offload';
import { vipsInstance } from './vips-instance';

/** What this worker does when lent to another's job. */
export const helperApi = {
  async ready(): Promise<void> {
    await vipsInstance();
  },
  async encodeRow(job) {
    const rows = encodeRowJob(await vipsInstance(), job);
    return Comlink.transfer(rows, rowBuffers(rows));
  },
  // The owner ends the lending by releasing its proxy, which closes this side of the port.
  release: () => undefined,
} satisfies RowHelper;

/**
 * The owner's side of a lent worker: row pixels are moved to it, not copied. Its release (once, by the
 * engine or when the job ends) closes the port and tells the page through `onReleased`.
 */
export function remoteHelper(port: MessagePort, onReleased: (failed: boolean) => void): RowHelper {
  const remote = Comlink.wrap<RowHelper>(port);
  let released = false;
  return {
    ready: () => remote.ready(),
    encodeRow: (job) => remote.encodeRow(Comlink.transfer(job, [job.pixels.buffer as ArrayBuffer])),
    release: (failed) => {
      if (released) return;
      released = true;
      remote[Comlink.releaseProxy]();
      port.close();
      onReleased(failed);
    },
  };
}

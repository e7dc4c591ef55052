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
} satisfies RowHelper;

/** The owner's side of a lent worker: row pixels are moved to it, not copied. */
export function remoteHelper(port: MessagePort): { helper: RowHelper; release: () => void } {
  const remote = Comlink.wrap<RowHelper>(port);
  return {
    helper: {
      ready: () => remote.ready(),
      encodeRow: (job) => remote.encodeRow(Comlink.transfer(job, [job.pixels.buffer as ArrayBuffer])),
    },
    release: () => {
      remote[Comlink.releaseProxy]();
      port.close();
    },
  };
}

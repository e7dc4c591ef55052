import { formatBytes } from './dom';

let persistAsked = false;

/**
 * Before a batch: asks once for persistent storage (so the browser does not evict finished tiles), and
 * returns a warning when the free quota looks too small for the files (tiles take about as much as the
 * sources; a margin of half again). Null when all looks well or the browser cannot tell.
 */
export async function storageWarning(incomingBytes: number): Promise<string | null> {
  if (!navigator.storage?.estimate) return null;
  if (!persistAsked && navigator.storage.persist) {
    persistAsked = true;
    // Not awaited: some browsers answer only after asking the person.
    void navigator.storage.persist().catch(() => false);
  }
  const { quota = 0, usage = 0 } = await navigator.storage.estimate();
  const needed = incomingBytes * 1.5;
  if (!quota || quota - usage >= needed) return null;
  return `Browser storage may run out: about ${formatBytes(needed)} needed, ${formatBytes(quota - usage)} free. Export or delete finished images first.`;
}

import { SNIFF_LENGTH, sniff } from '../shared/sniff';
import type { IncomingFile } from './folder-entries';

/** Files inside dropped folders whose bytes are not an image, with why: listed as skipped, never failed. */
export async function notImagesInFolders(incoming: readonly IncomingFile[]): Promise<Map<File, string>> {
  const skip = new Map<File, string>();
  for (const { file, inFolder } of incoming) {
    if (!inFolder) continue;
    const found = sniff(new Uint8Array(await file.slice(0, SNIFF_LENGTH).arrayBuffer()));
    if (found.kind === 'not-image') skip.set(file, `Skipped: not an image (${found.detected})`);
  }
  return skip;
}

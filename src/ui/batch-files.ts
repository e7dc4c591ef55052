import type { BatchFile } from '../shared/object-plan';
import { SNIFF_LENGTH, sniff } from '../shared/sniff';
import { fullResolutionPages } from '../shared/tiff-pages';
import type { IncomingFile } from './folder-entries';

/**
 * What the planner needs of dropped files, read from their bytes: a TIFF's full-resolution pages (its
 * IFDs only are read), and which files inside folders are not images (skipped with the reason, never failed).
 */
export async function batchFiles(incoming: readonly IncomingFile[]): Promise<{ files: BatchFile[]; skip: string[] }> {
  const files: BatchFile[] = [];
  const skip: string[] = [];
  for (const { file, folder } of incoming) {
    const found = sniff(new Uint8Array(await file.slice(0, SNIFF_LENGTH).arrayBuffer()));
    const skipped = folder !== null && found.kind === 'not-image';
    skip.push(skipped && found.kind === 'not-image' ? `Skipped: not an image (${found.detected})` : '');
    const tiff = found.kind === 'image' && found.format === 'tiff';
    files.push({ name: file.name, folder, pages: tiff ? await fullResolutionPages(file) : 1, skipped });
  }
  return { files, skip };
}

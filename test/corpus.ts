import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The shared corpus sits beside the checkout on CI and developer machines, never in the repo. */
export const CORPUS_DIR = resolve(import.meta.dirname, '../../shared/corpus');
export const hasCorpus = existsSync(resolve(CORPUS_DIR, 'manifest.json'));

export interface CorpusEntry {
  path: string;
  width: number;
  height: number;
  format: string;
  exif_orientation: number | null;
  pages: number;
}

export function corpusEntries(): CorpusEntry[] {
  return JSON.parse(readFileSync(resolve(CORPUS_DIR, 'manifest.json'), 'utf8')) as CorpusEntry[];
}

/** Width and height after the EXIF orientation is applied. */
export function uprightSize(e: CorpusEntry): [number, number] {
  return (e.exif_orientation ?? 1) >= 5 ? [e.height, e.width] : [e.width, e.height];
}

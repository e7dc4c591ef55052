import { openAsBlob } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { BatchFile } from '../shared/object-plan';
import { SNIFF_LENGTH, sniff } from '../shared/sniff';
import { fullResolutionPages } from '../shared/tiff-pages';

export interface InputFile extends BatchFile {
  path: string;
}

/**
 * Files named on the command line, and every file below named folders (sorted, hidden ones left out),
 * each with its folder as the app sees a dropped folder (`scans/book-1`) and a TIFF's page count.
 * In folders, files whose bytes are not an image are skipped, not failed — as in the app.
 */
export async function expandInputs(inputs: readonly string[]): Promise<{ files: InputFile[]; skipped: string[] }> {
  const files: InputFile[] = [];
  const skipped: string[] = [];
  for (const input of inputs) {
    if (!(await stat(input)).isDirectory()) {
      files.push({ path: input, name: basename(input), folder: null, pages: await pagesOf(input) });
      continue;
    }
    for (const path of await walk(input)) {
      if (sniff(await head(path)).kind === 'not-image') skipped.push(path);
      else {
        const folder = join(basename(input), relative(input, dirname(path)))
          .split(sep)
          .filter(Boolean)
          .join('/');
        files.push({ path, name: basename(path), folder, pages: await pagesOf(path) });
      }
    }
  }
  return { files, skipped };
}

async function walk(folder: string): Promise<string[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const paths: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) paths.push(...(await walk(path)));
    else if (entry.isFile()) paths.push(path);
  }
  return paths;
}

/** A TIFF's full-resolution pages (its IFDs only are read); 1 for every other file. */
async function pagesOf(path: string): Promise<number> {
  const found = sniff(await head(path));
  return found.kind === 'image' && found.format === 'tiff' ? fullResolutionPages(await openAsBlob(path)) : 1;
}

async function head(path: string): Promise<Uint8Array> {
  const handle = await open(path);
  try {
    const bytes = new Uint8Array(SNIFF_LENGTH);
    const { bytesRead } = await handle.read(bytes, 0, SNIFF_LENGTH, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

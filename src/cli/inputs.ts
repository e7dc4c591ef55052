import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SNIFF_LENGTH, sniff } from '../shared/sniff';

export interface InputFile {
  path: string;
  name: string;
}

/**
 * Files named on the command line, and every file below named folders (sorted, hidden ones left out).
 * In folders, files whose bytes are not an image are skipped, not failed — as in the app.
 */
export async function expandInputs(inputs: readonly string[]): Promise<{ files: InputFile[]; skipped: string[] }> {
  const files: InputFile[] = [];
  const skipped: string[] = [];
  for (const input of inputs) {
    if (!(await stat(input)).isDirectory()) {
      files.push({ path: input, name: basename(input) });
      continue;
    }
    for (const path of await walk(input)) {
      if (sniff(await head(path)).kind === 'not-image') skipped.push(path);
      else files.push({ path, name: basename(path) });
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

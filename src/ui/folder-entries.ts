/**
 * A file from a drop or a picker, and the folder it came from inside what was dropped (`scans/book-1`):
 * null for a file given alone. In folders, non-images are skipped, and a folder can be one object.
 */
export interface IncomingFile {
  file: File;
  folder: string | null;
}

/** The folder part of a relative path (`scans/book-1/p1.tif` → `scans/book-1`); empty paths give null. */
export function folderOf(relativePath: string): string | null {
  const parts = relativePath.split('/').filter(Boolean);
  return parts.length > 1 ? parts.slice(0, -1).join('/') : null;
}

/**
 * The order a folder walk visits files in, from their relative paths: name by name at each level, by
 * code unit. The folder picker lists files in the file system's order; this gives the drop's (and the CLI's).
 */
export function walkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

/** The files of a drop: plain files as they are, folders walked in full, in name order. */
export async function droppedFiles(transfer: DataTransfer): Promise<IncomingFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  if (!entries.some((e) => e?.isDirectory)) return [...transfer.files].map((file) => ({ file, folder: null }));
  const out: IncomingFile[] = [];
  for (const entry of entries) {
    if (entry?.isDirectory) out.push(...(await walk(entry as FileSystemDirectoryEntry)));
    else if (entry?.isFile) out.push({ file: await fileOf(entry as FileSystemFileEntry), folder: null });
  }
  return out;
}

async function walk(folder: FileSystemDirectoryEntry): Promise<IncomingFile[]> {
  const children = (await readAll(folder.createReader())).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const out: IncomingFile[] = [];
  for (const child of children) {
    if (child.name.startsWith('.')) continue;
    if (child.isDirectory) out.push(...(await walk(child as FileSystemDirectoryEntry)));
    else out.push({ file: await fileOf(child as FileSystemFileEntry), folder: folderOf(child.fullPath) });
  }
  return out;
}

/** readEntries returns at most 100 entries a call: read until it returns none. */
async function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

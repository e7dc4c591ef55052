/** A file from a drop or a picker, and whether it came from inside a folder (where non-images are skipped). */
export interface IncomingFile {
  file: File;
  inFolder: boolean;
}

/** The files of a drop: plain files as they are, folders walked in full, in name order. */
export async function droppedFiles(transfer: DataTransfer): Promise<IncomingFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  if (!entries.some((e) => e?.isDirectory)) return [...transfer.files].map((file) => ({ file, inFolder: false }));
  const out: IncomingFile[] = [];
  for (const entry of entries) {
    if (entry?.isDirectory) out.push(...(await walk(entry as FileSystemDirectoryEntry)));
    else if (entry?.isFile) out.push({ file: await fileOf(entry as FileSystemFileEntry), inFolder: false });
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
    else out.push({ file: await fileOf(child as FileSystemFileEntry), inFolder: true });
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

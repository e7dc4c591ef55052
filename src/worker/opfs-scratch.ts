import { formatBytes } from '../shared/format-bytes';
import { TileError } from '../shared/tile-error';
import type { ScratchFile } from './engine/scratch-file';

/** Scratch files live in their own OPFS folder, so leftovers can be found and swept. */
const SCRATCH_FOLDER = 'vitrine-scratch';

async function scratchFolder(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(SCRATCH_FOLDER, { create: true });
}

/**
 * Deletes scratch files left by workers that were stopped mid-job (cancel, stall, crash, a closed tab).
 * A file another worker is still using is locked by its access handle, so removing it fails: it stays.
 */
export async function sweepScratchFiles(): Promise<void> {
  const folder = await scratchFolder();
  for await (const name of folder.keys()) await folder.removeEntry(name).catch(() => {});
}

/**
 * A scratch file in the origin private file system, written and read through a synchronous access
 * handle (dedicated workers only). Its full size is claimed from the quota before any pixel is
 * written, so a quota too small fails the image at once, saying how much it needs.
 * Chromium 156 over quota neither throws from truncate (the size stays 0) nor from write (it returns
 * 2^32 − 8): sizes and counts are checked, not only exceptions.
 */
export async function openOpfsScratch(bytes: number): Promise<ScratchFile> {
  await sweepScratchFiles();
  const { quota, usage = 0 } = await navigator.storage.estimate();
  if (quota !== undefined && quota - usage < bytes) throw noSpace(bytes, `${formatBytes(quota - usage)} free`);
  const folder = await scratchFolder();
  const { name, access } = await lockedFile(folder);
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    access.close();
    await folder.removeEntry(name).catch(() => {});
  };
  const refused = "the browser's storage quota does not allow it";
  try {
    access.truncate(bytes);
  } catch (error) {
    await close();
    throw noSpace(bytes, `${refused} (${errorText(error)})`);
  }
  if (access.getSize() !== bytes) {
    await close();
    throw noSpace(bytes, refused);
  }
  return {
    size: bytes,
    write(data, at) {
      let written: number;
      try {
        written = access.write(data, { at });
      } catch (error) {
        throw noSpace(bytes, errorText(error));
      }
      if (written !== data.length) throw noSpace(bytes, `${refused} (a write of ${data.length} bytes failed)`);
    },
    read: (into, at) => access.read(into, { at }),
    close,
  };
}

/** A new file, held by its access handle. Until it is held, another worker's sweep may remove it: retry. */
async function lockedFile(folder: FileSystemDirectoryHandle) {
  for (let attempt = 1; ; attempt++) {
    const name = `${crypto.randomUUID()}.pnm`;
    try {
      return { name, access: await (await folder.getFileHandle(name, { create: true })).createSyncAccessHandle() };
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof DOMException ? `${error.name}: ${error.message}` : String(error);
}

function noSpace(bytes: number, detail: string): TileError {
  return new TileError(
    'NoScratchSpace',
    `Turning this image upright needs ${formatBytes(bytes)} of browser storage for a scratch file: ${detail}`,
  );
}

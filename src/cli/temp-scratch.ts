import { closeSync, ftruncateSync, openSync, readSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBytes } from '../shared/format-bytes';
import { TileError } from '../shared/tile-error';
import type { ScratchFile } from '../worker/engine/scratch-file';

let counter = 0;

/**
 * A scratch file in the system's temp folder ($TMPDIR, or `folder`), removed on close. Free space is
 * checked before any pixel is written, so a disk too small fails the image at once with what it needs;
 * a disk that fills up meanwhile fails it at the write (ftruncate only sets the length, sparsely).
 */
export async function openTempScratch(bytes: number, folder = tmpdir()): Promise<ScratchFile> {
  const stats = statfsSync(folder);
  const free = stats.bavail * stats.bsize;
  if (free < bytes) throw noSpace(bytes, folder, `only ${formatBytes(free)} free`);
  const path = join(folder, `vitrine-scratch-${process.pid}-${Date.now()}-${counter++}.pnm`);
  const fd = openSync(path, 'wx+', 0o600);
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    closeSync(fd);
    rmSync(path, { force: true });
  };
  try {
    ftruncateSync(fd, bytes);
  } catch (error) {
    await close();
    throw noSpace(bytes, folder, String(error));
  }
  return {
    size: bytes,
    write(data, at) {
      for (let done = 0; done < data.length;) {
        try {
          done += writeSync(fd, data, done, data.length - done, at + done);
        } catch (error) {
          throw noSpace(bytes, folder, String(error));
        }
      }
    },
    read(into, at) {
      let done = 0;
      while (done < into.length) {
        const n = readSync(fd, into, done, into.length - done, at + done);
        if (n === 0) break;
        done += n;
      }
      return done;
    },
    close,
  };
}

function noSpace(bytes: number, folder: string, detail: string): TileError {
  return new TileError(
    'NoScratchSpace',
    `Turning this image upright needs a ${formatBytes(bytes)} scratch file in ${folder}: ${detail}`,
  );
}

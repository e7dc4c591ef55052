import { link, mkdir, readdir, rename, rmdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { PyramidDescriptor } from '../shared/iiif-info';
import { exportNames } from '../shared/image-api2';

/**
 * Gives an image folder's files the names an Image API 2.1 bundle has, as the app's ZIP does: each file
 * moves to its first 2.x name and is hard-linked under the others, and the emptied folders are removed.
 */
export async function nameForImageApi2(folder: string, image: PyramidDescriptor): Promise<void> {
  const names = exportNames(image, '2');
  const files = (await readdir(folder, { withFileTypes: true, recursive: true }))
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
  for (const path of files) {
    const [first, ...others] = names(path);
    if (!first) continue;
    if (first !== path) {
      await mkdir(dirname(join(folder, first)), { recursive: true });
      await rename(join(folder, path), join(folder, first));
    }
    for (const other of others) {
      if (other === path) continue;
      await mkdir(dirname(join(folder, other)), { recursive: true });
      await link(join(folder, first), join(folder, other));
    }
    if (first !== path) await removeEmpty(folder, dirname(path));
  }
}

/** Removes `dir` (below `folder`) and its parents while they are empty. */
async function removeEmpty(folder: string, dir: string): Promise<void> {
  for (let d = dir; d && d !== '.'; d = dirname(d)) {
    try {
      await rmdir(join(folder, d));
    } catch {
      return;
    }
  }
}

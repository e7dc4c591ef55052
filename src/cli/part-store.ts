import { cp, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isPartManifestName, PARTS_DIR } from '../shared/part-manifest';
import type { Shard } from '../shared/shard';
import { tiffPath } from '../shared/export-options';

/** Where a shard's images and bookkeeping go, and where assemble reads them: a folder or an S3 prefix. */
export interface PartStore {
  /** The folder or s3:// URL, for messages. */
  readonly where: string;
  /** An empty local folder for this shard's images while they are tiled; anything left by a killed run is gone. */
  scratch(shard: Shard): Promise<string>;
  readJson<T>(path: string): Promise<T | null>;
  /** Writes the whole document or, killed half-way, nothing under `path`. */
  writeJson(path: string, value: unknown): Promise<void>;
  /** The part-manifests' names in `_shards/`. */
  partNames(): Promise<string[]>;
  hasImage(id: string, tiff: boolean): Promise<boolean>;
  /** Moves a finished image from scratch into the bundle: its final names appear only once it is complete. */
  publish(id: string, folder: string, tiff: string | undefined): Promise<void>;
  /** Removes the scratch folder once the shard is done. */
  close(): Promise<void>;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** A bundle folder on a disk every shard can reach (a cluster's shared file system) or this machine's own. */
export class FolderPartStore implements PartStore {
  private scratchFolder: string | null = null;

  constructor(readonly where: string) {}

  async scratch(shard: Shard): Promise<string> {
    // Per shard: other shards may be tiling into the same folder at the same time.
    this.scratchFolder = join(this.where, PARTS_DIR, 'tmp', `shard-${shard.index}-of-${shard.count}`);
    await rm(this.scratchFolder, { recursive: true, force: true });
    await mkdir(this.scratchFolder, { recursive: true });
    return this.scratchFolder;
  }

  async readJson<T>(path: string): Promise<T | null> {
    const text = await readFile(join(this.where, path), 'utf8').catch(() => null);
    return text === null ? null : (JSON.parse(text) as T);
  }

  async writeJson(path: string, value: unknown): Promise<void> {
    const file = join(this.where, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(`${file}.partial`, `${JSON.stringify(value, null, 1)}\n`);
    await rename(`${file}.partial`, file);
  }

  async partNames(): Promise<string[]> {
    const names = await readdir(join(this.where, PARTS_DIR)).catch(() => []);
    return names.filter(isPartManifestName).sort();
  }

  async hasImage(id: string, tiff: boolean): Promise<boolean> {
    return (await exists(join(this.where, id))) && (!tiff || (await exists(join(this.where, tiffPath(id)))));
  }

  async publish(id: string, folder: string, tiff: string | undefined): Promise<void> {
    const final = join(this.where, id);
    await rm(final, { recursive: true, force: true });
    if (tiff) {
      await mkdir(dirname(join(this.where, tiffPath(id))), { recursive: true });
      await rename(tiff, join(this.where, tiffPath(id)));
    }
    await rename(folder, final);
  }

  /** Copies an image's folder (and TIFF) from this part into another bundle folder: assemble into a new place. */
  async copyImageTo(id: string, tiff: boolean, out: string): Promise<void> {
    await cp(join(this.where, id), join(out, id), { recursive: true, force: true });
    if (tiff) await cp(join(this.where, tiffPath(id)), join(out, tiffPath(id)), { force: true });
  }

  async close(): Promise<void> {
    if (this.scratchFolder) await rm(this.scratchFolder, { recursive: true, force: true });
    // Emptied by the last shard to finish; a shard still tiling keeps it.
    await rmdir(join(this.where, PARTS_DIR, 'tmp')).catch(() => {});
  }
}

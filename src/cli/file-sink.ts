import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BundleSink } from '../worker/engine/pyramid-writer';

/** Writes one image's folder of the bundle to disk; like the browser's sink, it takes its batch at once. */
export class FileSink implements BundleSink {
  private batch: [string, Uint8Array][] = [];
  /** Bytes written for this image so far: the report's "bytes written". */
  storedBytes = 0;

  constructor(private readonly folder: string) {}

  put(path: string, bytes: Uint8Array): void {
    this.batch.push([path, bytes]);
  }

  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    for (const [path, bytes] of batch) {
      const file = join(this.folder, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, bytes);
      this.storedBytes += bytes.byteLength;
    }
  }

  async clear(): Promise<void> {
    this.batch = [];
    this.storedBytes = 0;
    await rm(this.folder, { recursive: true, force: true });
  }
}

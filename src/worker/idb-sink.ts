import { filesOf, type BundleFile, type VitrineDb } from '../shared/db';
import { TileError } from '../shared/tile-error';
import type { BundleSink } from './engine/pyramid-writer';

/** Writes an image's files to IndexedDB, one transaction per flush, and counts the bytes stored. */
export class IdbSink implements BundleSink {
  private batch: BundleFile[] = [];
  storedBytes = 0;

  constructor(
    private readonly db: VitrineDb,
    private readonly imageId: string,
  ) {}

  /** Removes what an earlier, interrupted run of the same image left behind. */
  async clear(): Promise<void> {
    this.batch = [];
    this.storedBytes = 0;
    await this.db.delete('files', filesOf(this.imageId));
  }

  put(path: string, bytes: Uint8Array): void {
    // jpegsaveBuffer returns a fresh array of exactly the file's size: its buffer is the file.
    const data =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
    this.batch.push({ imageId: this.imageId, path, data: data as ArrayBuffer });
    this.storedBytes += bytes.byteLength;
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    try {
      // Relaxed: a tile lost to a power cut is rewritten, since the job is marked done only afterwards.
      const tx = this.db.transaction('files', 'readwrite', { durability: 'relaxed' });
      await Promise.all([...batch.map((file) => tx.store.put(file)), tx.done]);
    } catch (error) {
      const name = error instanceof DOMException ? error.name : '';
      throw new TileError(
        'StorageFailed',
        name === 'QuotaExceededError'
          ? 'Browser storage is full: delete finished images or export them, then retry'
          : `Could not store tiles: ${String(error)}`,
      );
    }
  }
}

import type { ScratchFile } from '../src/worker/engine/scratch-file';

/** A scratch file in memory that counts its writes and knows whether it was closed. */
export class MemoryScratch implements ScratchFile {
  readonly bytes: Uint8Array;
  writes = 0;
  closed = false;

  constructor(readonly size: number) {
    this.bytes = new Uint8Array(size);
  }

  write(data: Uint8Array, at: number): void {
    if (at + data.length > this.size) throw new RangeError(`write past the end: ${at} + ${data.length}`);
    this.bytes.set(data, at);
    this.writes++;
  }

  read(into: Uint8Array, at: number): number {
    const piece = this.bytes.subarray(at, Math.min(this.size, at + into.length));
    into.set(piece);
    return piece.length;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

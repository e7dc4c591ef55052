import type { BundleSink } from '../src/worker/engine/pyramid-writer';

/** A sink that keeps every file in a map, failing on a path written twice. */
export class MemorySink implements BundleSink {
  readonly files = new Map<string, Uint8Array>();

  put(path: string, bytes: Uint8Array): void {
    if (this.files.has(path)) throw new Error(`written twice: ${path}`);
    this.files.set(path, bytes);
  }

  async flush(): Promise<void> {}

  async clear(): Promise<void> {
    this.files.clear();
  }
}

/** Reads bytes in memory as the engine reads a file. */
export const memoryReadAt = (bytes: Uint8Array) => (into: Uint8Array, position: number) => {
  const part = bytes.subarray(position, position + into.length);
  into.set(part);
  return part.length;
};

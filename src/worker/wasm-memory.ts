/**
 * wasm-vips does not expose its WebAssembly.Memory; recording each Memory constructed in this worker
 * lets the worker report how large wasm memory has grown (it never shrinks).
 */
const memories: WebAssembly.Memory[] = [];

export function recordWasmMemories(): void {
  const Original = WebAssembly.Memory;
  if ((Original as { recorded?: boolean }).recorded) return;
  const Recording = class extends Original {
    static recorded = true;
    constructor(descriptor: WebAssembly.MemoryDescriptor) {
      super(descriptor);
      memories.push(this);
    }
  };
  WebAssembly.Memory = Recording;
}

/** Bytes of the largest wasm memory created so far (libvips' heap), or 0. */
export function wasmMemoryBytes(): number {
  return memories.reduce((max, m) => Math.max(max, m.buffer.byteLength), 0);
}

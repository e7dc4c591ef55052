import type Vips from 'wasm-vips';

/** libvips errors reach JavaScript as `WebAssembly.Exception` whose message is an array holding the text. */
export function vipsErrorText(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const message: unknown = error.message;
    if (Array.isArray(message)) return String(message[1] ?? message[0] ?? 'unknown libvips error').trim();
    return String(message);
  }
  return String(error);
}

/**
 * libvips keeps loader warnings (libjpeg's "Corrupt JPEG data", say) in its error buffer even when the
 * load succeeds, and the next thrown error carries them; wasm-vips has no call to clear the buffer, but
 * every throw empties it. One cheap failing call before a job keeps an earlier file's words out of its error.
 */
export function clearVipsErrors(vips: typeof Vips): void {
  try {
    vips.Image.newFromBuffer(new Uint8Array(1)).delete();
  } catch {
    // expected: the buffer is empty now
  }
}

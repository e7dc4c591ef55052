/** libvips errors reach JavaScript as `WebAssembly.Exception` whose message is an array holding the text. */
export function vipsErrorText(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const message: unknown = error.message;
    if (Array.isArray(message)) return String(message[1] ?? message[0] ?? 'unknown libvips error').trim();
    return String(message);
  }
  return String(error);
}

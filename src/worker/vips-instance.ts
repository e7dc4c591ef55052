import Vips from 'wasm-vips';
import vipsWasmUrl from 'wasm-vips/vips.wasm?url';
import heifWasmUrl from 'wasm-vips/vips-heif.wasm?url';
import jxlWasmUrl from 'wasm-vips/vips-jxl.wasm?url';
import { recordWasmMemories } from './wasm-memory';

// Vite emits these files only when imported; libvips asks for them by bare name.
const WASM_URLS: Record<string, string> = {
  'vips.wasm': vipsWasmUrl,
  'vips-heif.wasm': heifWasmUrl,
  'vips-jxl.wasm': jxlWasmUrl,
};

let instance: Promise<typeof Vips> | undefined;

/** The worker's one libvips, loaded on first use. Without cross-origin isolation it would never settle. */
export function vipsInstance(): Promise<typeof Vips> {
  if (!self.crossOriginIsolated) {
    return Promise.reject(new Error('This page is not cross-origin isolated, so libvips cannot start'));
  }
  recordWasmMemories();
  instance ??= Vips({
    dynamicLibraries: ['vips-jxl.wasm', 'vips-heif.wasm'],
    locateFile: (file: string, prefix: string) => WASM_URLS[file] ?? prefix + file,
  }).then((vips) => {
    vips.Cache.max(0);
    vips.concurrency(1);
    return vips;
  });
  return instance;
}

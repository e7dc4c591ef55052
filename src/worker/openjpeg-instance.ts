import openJpegWasmUrl from 'pdfjs-dist/wasm/openjpeg.wasm?url';
import { loadOpenJpeg, type OpenJpeg } from './engine/jpeg2000/openjpeg';

let instance: Promise<OpenJpeg> | undefined;
let loaded: OpenJpeg | undefined;

/** The worker's one OpenJPEG, loaded (with its wasm from the bundle) the first time a JPEG 2000 comes. */
export function openJpegInstance(): Promise<OpenJpeg> {
  instance ??= loadOpenJpeg(async () => {
    const response = await fetch(openJpegWasmUrl);
    if (!response.ok) throw new Error(`${openJpegWasmUrl}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }).then((openJpeg) => (loaded = openJpeg));
  return instance;
}

/** OpenJPEG's wasm memory, 0 until a JPEG 2000 loaded it: part of what the worker holds for good. */
export function openJpegMemoryBytes(): number {
  return loaded?.memoryBytes() ?? 0;
}

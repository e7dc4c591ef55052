import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadOpenJpeg, type OpenJpeg } from '../worker/engine/jpeg2000/openjpeg';

let instance: Promise<OpenJpeg> | undefined;

/** This process's one OpenJPEG, its wasm read from the installed pdfjs-dist. */
export function nodeOpenJpeg(): Promise<OpenJpeg> {
  instance ??= loadOpenJpeg(async () => {
    const path = createRequire(import.meta.url).resolve('pdfjs-dist/wasm/openjpeg.wasm');
    return new Uint8Array(await readFile(path));
  });
  return instance;
}

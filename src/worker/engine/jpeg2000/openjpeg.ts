import { TileError } from '../../../shared/tile-error';

/** One decoded codestream's samples, 8 bits each, its components interleaved (1 to 4 of them). */
export interface DecodedCodestream {
  width: number;
  height: number;
  components: number;
  samples: Uint8Array;
}

/** OpenJPEG 2.5 as pdf.js builds it for WebAssembly: decodes whole codestreams to 8-bit samples. */
export interface OpenJpeg {
  decode(
    codestream: Uint8Array,
    size: { width: number; height: number; components: number },
  ): Promise<DecodedCodestream>;
  /** Size of OpenJPEG's own wasm memory: it grows like libvips' and never shrinks. */
  memoryBytes(): number;
}

/** Loads pdf.js' OpenJPEG with `wasm` giving its .wasm bytes (fetched in the browser, read from disk in Node). */
export async function loadOpenJpeg(wasm: () => Promise<Uint8Array>): Promise<OpenJpeg> {
  polyfillWithResolvers();
  const { JpxImage, JpxError } = await import('pdfjs-dist/image_decoders/pdf.image_decoders.mjs');
  // pdf.js asks its handler for the wasm (instead of fetching a URL) when useWorkerFetch is off.
  JpxImage.setOptions({
    useWasm: true,
    useWorkerFetch: false,
    wasmUrl: '',
    handler: { sendWithPromise: () => wasm() },
  });
  const memory = await captureMemory(() => JpxImage.decode(SMALLEST_J2K, { numComponents: 1 })).catch((error) => {
    throw new TileError('DecodeFailed', `The JPEG 2000 decoder did not load: ${String(error)}`);
  });
  return {
    async decode(codestream, size) {
      let samples: Uint8ClampedArray | null;
      try {
        // Two components (grey and alpha) come out only as RGBA, and only when told the alpha is in the data.
        samples = await JpxImage.decode(codestream, {
          numComponents: size.components === 2 ? 0 : size.components,
          smaskInData: size.components === 2,
        });
      } catch (error) {
        const text = error instanceof JpxError ? error.message : String(error);
        throw new TileError('Damaged', `Corrupt JPEG 2000 data: ${text.replace(/\s+/g, ' ').trim()}`);
      }
      const pixels = size.width * size.height;
      const channels = size.components === 2 ? 4 : size.components;
      if (samples?.length !== pixels * channels) {
        throw new TileError(
          'Damaged',
          `Corrupt JPEG 2000 data: a tile decoded to ${samples?.length ?? 0} samples, not ${pixels * channels}`,
        );
      }
      const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.length);
      return { ...size, samples: size.components === 2 ? greyAlpha(bytes, pixels) : bytes };
    },
    memoryBytes: () => memory()?.buffer.byteLength ?? 0,
  };
}

/** RGBA (grey repeated) → grey and alpha. */
function greyAlpha(rgba: Uint8Array, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels * 2);
  for (let p = 0; p < pixels; p++) {
    out[p * 2] = rgba[p * 4]!;
    out[p * 2 + 1] = rgba[p * 4 + 3]!;
  }
  return out;
}

/**
 * pdf.js keeps its wasm instance private; the memory bound is a promise of this project (≤ 512 MiB per
 * worker), so the instance's Memory is picked from WebAssembly.instantiate's result while it loads.
 */
async function captureMemory(load: () => Promise<unknown>): Promise<() => WebAssembly.Memory | undefined> {
  let memory: WebAssembly.Memory | undefined;
  const instantiate = WebAssembly.instantiate;
  const spy = async (...args: Parameters<typeof WebAssembly.instantiate>) => {
    const result = (await (instantiate as (...a: unknown[]) => Promise<unknown>)(...args)) as
      WebAssembly.Instance | WebAssembly.WebAssemblyInstantiatedSource;
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    // By tag, not instanceof: WebAssembly.Memory may be replaced by a recording subclass (wasm-memory.ts).
    memory ??= Object.values(instance.exports).find(
      (e): e is WebAssembly.Memory => Object.prototype.toString.call(e) === '[object WebAssembly.Memory]',
    );
    return result;
  };
  WebAssembly.instantiate = spy as typeof WebAssembly.instantiate;
  try {
    await load();
  } finally {
    WebAssembly.instantiate = instantiate;
  }
  return () => memory;
}

/** pdf.js 5 uses Promise.withResolvers, which Node 20 (the CLI) lacks; every supported browser has it. */
function polyfillWithResolvers() {
  if ('withResolvers' in Promise) return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((a, b) => {
        resolve = a;
        reject = b;
      });
      return { promise, resolve, reject };
    },
  });
}

/** A 1×1 grey codestream (made with opj_compress): decoding it loads the module before any real file. */
const SMALLEST_J2K = Uint8Array.from(
  atob(
    '/0//UQApAAAAAAABAAAAAQAAAAAAAAAAAAAAAQAAAAEAAAAAAAAAAAABBwEB/1IADAAAAAEAAAQEAAH/XAAEQED/ZAAlAAFDcmVhdGVkIGJ5IE9wZW5KUEVHIHZlcnNpb24gMi41LjD/kAAKAAAAAAAPAAH/k4D/2Q==',
  ),
  (c) => c.charCodeAt(0),
);

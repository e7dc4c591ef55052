// The part of pdf.js' image decoders Vitrine uses: its OpenJPEG build (the package ships no types for it).
declare module 'pdfjs-dist/image_decoders/pdf.image_decoders.mjs' {
  export class JpxError extends Error {}
  export const JpxImage: {
    setOptions(options: {
      useWasm: boolean;
      useWorkerFetch: boolean;
      wasmUrl: string;
      handler: { sendWithPromise(action: string, data: unknown): Promise<Uint8Array> };
    }): void;
    /** 8-bit samples: RGBA when numComponents is 0, else the codestream's own 1, 3 or 4 components. */
    decode(
      bytes: Uint8Array,
      options: { numComponents: number; isIndexedColormap?: boolean; smaskInData?: boolean; reducePower?: number },
    ): Promise<Uint8ClampedArray | null>;
  };
}

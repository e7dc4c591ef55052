import type Vips from 'wasm-vips';
import type { Size } from '../../shared/pyramid';
import { ColumnBandWriter } from './column-band';
import { orientStrip, swapsSides, uprightRect, uprightSize } from './orientation';
import type { OpenScratch, ScratchFile } from './scratch-file';

type Image = Vips.Image;

/** Stored rows decoded and turned at a time: a strip of this height is all that sits in wasm memory. */
const STRIP_ROWS = 256;
/** Memory for gathering column bands before writing them (see ColumnBandWriter). */
export const DEFAULT_BAND_BUDGET = 64 * 1024 * 1024;

export interface UprightScratchOptions {
  openScratch: OpenScratch;
  onProgress: (rowsDone: number, rowsTotal: number) => void;
  bandBudgetBytes?: number;
}

/** The header of a binary PNM: P6 for RGB, P5 for grey, 8 bits a sample. libvips reads it as a stream. */
export function pnmHeader(size: Size, bands: number): Uint8Array {
  return new TextEncoder().encode(`${bands === 1 ? 'P5' : 'P6'}\n${size.width} ${size.height}\n255\n`);
}

/** Bytes of scratch space the upright copy of `stored` takes. */
export function scratchBytes(orientation: number, stored: Size, bands: number): number {
  return pnmHeader(uprightSize(orientation, stored), bands).length + stored.width * stored.height * bands;
}

/**
 * Pass one of the bounded-memory rotation: reads `source` (8-bit, 1 or 3 bands, not yet upright) top to
 * bottom once, turns each strip upright in memory and writes its pixels where they belong in an upright
 * PNM on a scratch file, which libvips can then read top to bottom. The caller closes the returned file.
 */
export async function writeUprightScratch(
  source: Image,
  orientation: number,
  options: UprightScratchOptions,
): Promise<ScratchFile> {
  const stored = { width: source.width, height: source.height };
  const bands = source.bands;
  if (source.format !== 'uchar' || (bands !== 1 && bands !== 3)) {
    throw new RangeError(`a scratch PNM holds 8-bit grey or RGB, not ${bands} × ${source.format}`);
  }
  const upright = uprightSize(orientation, stored);
  const header = pnmHeader(upright, bands);
  const file = await options.openScratch(scratchBytes(orientation, stored, bands));
  try {
    file.write(header, 0);
    const columns = swapsSides(orientation)
      ? new ColumnBandWriter(
          file,
          header.length,
          upright,
          bands,
          orientation === 6 || orientation === 7,
          STRIP_ROWS,
          options.bandBudgetBytes ?? DEFAULT_BAND_BUDGET,
        )
      : null;
    for (let y = 0; y < stored.height; y += STRIP_ROWS) {
      const rows = Math.min(STRIP_ROWS, stored.height - y);
      const pixels = uprightPixels(source, orientation, y, rows);
      const rect = uprightRect(orientation, stored, y, rows);
      if (columns) columns.add(pixels, rect);
      else file.write(pixels, header.length + rect.y * upright.width * bands);
      options.onProgress(y + rows, stored.height);
    }
    columns?.flush();
    return file;
  } catch (error) {
    await file.close();
    throw error;
  }
}

/** Decodes stored rows [y, y + rows) and returns them turned upright, as packed bytes. */
function uprightPixels(source: Image, orientation: number, y: number, rows: number): Uint8Array {
  const crop = source.crop(0, y, source.width, rows);
  const strip = crop.copyMemory();
  crop.delete();
  const upright = orientStrip(strip, orientation);
  try {
    return upright.writeToMemory() as Uint8Array;
  } finally {
    upright.delete();
  }
}

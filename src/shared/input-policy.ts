import type { ImageFormat } from './sniff';

/** What a job accepts: checked from the header, before any pixel is decoded. */
export interface InputPolicy {
  /** Largest image accepted, in megapixels: high enough for real multi-gigapixel scans. */
  maxMegapixels: number;
  /** Tile truncated or corrupt files anyway (with a warning on the job) instead of failing them. */
  allowDamaged: boolean;
  /**
   * Largest image decoded whole into memory (EXIF rotations, odd sample formats), in megapixels. Larger
   * rotated images go through a scratch file on disk instead; tests set it low to force that route.
   */
  inMemoryMaxMegapixels: number;
}

export const DEFAULT_INPUT_POLICY: InputPolicy = {
  maxMegapixels: 3000,
  allowDamaged: false,
  inMemoryMaxMegapixels: 80,
};

/** The whole-decode limit in pixels; policies stored before the field existed get the default. */
export function inMemoryMaxPixels(policy: Partial<InputPolicy>): number {
  const limit = policy.inMemoryMaxMegapixels;
  const megapixels = typeof limit === 'number' && limit > 0 ? limit : DEFAULT_INPUT_POLICY.inMemoryMaxMegapixels;
  return megapixels * 1e6;
}

/**
 * The most pixels one byte of each format can describe, with margin over the best real encoders
 * (measured: solid-colour JPEG 171 px/byte, 1-bit PNG 8,189, lossless WebP 26,000; the theoretical
 * bounds are 512 for JPEG — one bit per 8×8 block — 8,256 for deflate and about 2,730 for GIF's LZW).
 * TIFF, HEIF and JPEG XL can legitimately compress far more (CCITT fax, JPEG XL art): no bound.
 */
const MAX_PIXELS_PER_BYTE: Partial<Record<ImageFormat, number>> = { jpeg: 1024, png: 9000, gif: 4096, webp: 65536 };

/** The largest side each format can store. */
const MAX_SIDE: Partial<Record<ImageFormat, number>> = { jpeg: 65535, gif: 65535, webp: 16383 };

/** Why an image must be refused from its header alone (a decompression bomb), or null. */
export function headerProblem(
  format: ImageFormat,
  size: { width: number; height: number },
  fileBytes: number,
  policy: InputPolicy,
): string | null {
  const pixels = size.width * size.height;
  const megapixels = (pixels / 1e6).toLocaleString('en', { maximumFractionDigits: 1 });
  const side = MAX_SIDE[format];
  if (side && (size.width > side || size.height > side)) {
    return `declares ${size.width}×${size.height}, beyond what ${format.toUpperCase()} can store`;
  }
  if (pixels > policy.maxMegapixels * 1e6) {
    return `declares ${megapixels} megapixels, over the limit of ${policy.maxMegapixels.toLocaleString('en')}`;
  }
  const perByte = MAX_PIXELS_PER_BYTE[format];
  if (perByte && pixels > perByte * fileBytes) {
    return `declares ${megapixels} megapixels in ${fileBytes.toLocaleString('en')} bytes, which no ${format.toUpperCase()} can hold`;
  }
  return null;
}

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

/**
 * Formats whose loaders read the file front to back, measured to tile correctly from a File past 2 GiB
 * and 4 GiB (a 2.1 GiB JPEG, a 4.1 GiB PNG). The others seek to offsets stored in the file (TIFF tiles and
 * directories, HEIF items), or were not measured that large.
 */
const READ_FRONT_TO_BACK: ReadonlySet<ImageFormat> = new Set(['jpeg', 'png']);

/** Whether a format's loader reads the file front to back, so a source that seeks only 2 GiB is enough. */
export const readsFrontToBack = (format: ImageFormat) => READ_FRONT_TO_BACK.has(format);

/**
 * Why a file must be refused before it is opened because its source cannot seek far enough (the
 * browser's File source reaches 2 GiB; see src/worker/engine/seek.ts), or null. `seekableBytes`
 * undefined: the source seeks anywhere (the CLI's files).
 */
export function sourceSizeProblem(
  format: ImageFormat,
  fileBytes: number,
  seekableBytes: number | undefined,
): string | null {
  if (seekableBytes === undefined || fileBytes <= seekableBytes || readsFrontToBack(format)) return null;
  const gib = (bytes: number) => `${+(bytes / 2 ** 30).toFixed(2)} GiB`;
  return (
    `this ${gib(fileBytes)} ${format.toUpperCase()} needs reads beyond its first ${gib(seekableBytes + 1)}, ` +
    `which the image engine cannot seek to from a browser file; the command-line tool (vitrine tile) can tile it`
  );
}

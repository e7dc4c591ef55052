import type Vips from 'wasm-vips';
import { headerProblem, inMemoryMaxPixels, type InputPolicy } from '../../shared/input-policy';
import type { ImageFormat } from '../../shared/sniff';
import { TileError } from '../../shared/tile-error';
import type { LabelValue } from '../../shared/descriptive';
import { chooseBands } from './extra-bands';
import type { HandleScope } from './handles';
import { vipsErrorText } from './vips-error';

type VipsModule = typeof Vips;
type Image = Vips.Image;

export interface NormalisedImage {
  /** 8-bit, sRGB or grey, no alpha, readable top to bottom; upright unless `pendingOrientation` says. */
  image: Image;
  notes: string[];
  /** What a person should check before publishing (frames left out, a profile ignored). */
  warnings: string[];
  /** What the file said about itself, for the manifest (which bands were shown). */
  metadata: LabelValue[];
  /**
   * 1, or the EXIF orientation (3–8) still to apply: the image was too large to turn in memory, so the
   * caller turns it through a scratch file (see upright-scratch.ts).
   */
  pendingOrientation: number;
}

export interface OpenOptions {
  /** Opens the file again from its start: a random-access decode needs a fresh source. */
  openSource: () => Vips.Source;
  format: ImageFormat;
  byteLength: number;
  policy: InputPolicy;
  /** Decode past truncation and corrupt data instead of failing. */
  tolerateDamage: boolean;
  /** Decode with random access from the start: the file's layout cannot be read top to bottom. */
  randomAccess: boolean;
  /** The TIFF page to tile (see tiff-pages.ts); null for other formats. */
  tiffPage: TiffPage | null;
}

/** One full-resolution page of a TIFF: its IFD, and what the file has around it. */
export interface TiffPage {
  /** Which page (0-based) of `pages` full-resolution ones. */
  index: number;
  pages: number;
  ifd: number;
  overviews: number;
  extraSamples: number[];
}

const needsRandomAccess = (orientation: number) => orientation >= 3 && orientation <= 8;

/** Opens a file and builds the lazy pipeline that turns it into what tiles are cut from. */
export function openNormalised(vips: VipsModule, scope: HandleScope, options: OpenOptions): NormalisedImage {
  const notes: string[] = [];
  const warnings: string[] = [];
  // libjpeg reports corrupt entropy-coded data and libpng a bad CRC as warnings: for these two formats a
  // warning is damage. Other loaders warn about harmless things (libtiff's unknown tags), so only truncation.
  const strict = options.format === 'jpeg' || options.format === 'png' ? 'warning' : 'truncated';
  const fail_on = options.tolerateDamage ? 'none' : strict;
  const page = options.tiffPage?.ifd ? { page: options.tiffPage.ifd } : {};
  const load = (access: 'sequential' | 'random') =>
    scope.track(vips.Image.newFromSource(scope.track(options.openSource()), '', { access, fail_on, ...page }));
  let image = load('sequential');
  const problem = headerProblem(options.format, image, options.byteLength, options.policy);
  if (problem) throw new TileError('TooLarge', `Refused before decoding: the header ${problem}`);
  const orientation = image.getTypeof('orientation') ? image.getInt('orientation') : 1;
  pageNotes(image, options.tiffPage, notes, warnings);
  const sampleFormat = image.format;
  const oddFormat = sampleFormat !== 'uchar' && sampleFormat !== 'ushort';
  const pixels = image.width * image.height;
  const inMemoryMax = inMemoryMaxPixels(options.policy);
  const fitsInMemory = pixels <= inMemoryMax;
  if (options.randomAccess && !fitsInMemory) {
    throw new TileError(
      'TooLarge',
      `This ${options.format.toUpperCase()}'s layout cannot be read top to bottom, and decoding it whole is ` +
        `allowed up to ${inMemoryMax / 1e6} megapixels; it has ${(pixels / 1e6).toFixed(0)}`,
    );
  }

  if (oddFormat && !fitsInMemory) {
    throw new TileError(
      'TooLarge',
      `${image.format} samples need a whole-image decode, allowed up to ${inMemoryMax / 1e6} megapixels; ` +
        `this image has ${(pixels / 1e6).toFixed(0)}`,
    );
  }
  const turnInMemory = needsRandomAccess(orientation) && fitsInMemory;
  if (turnInMemory || oddFormat || options.randomAccess) image = load('random');
  if (options.randomAccess) notes.push('read with random access: its layout cannot be read top to bottom');
  const bands = chooseBands(scope, image, options.tiffPage?.extraSamples ?? []);
  image = bands.image;
  if (bands.note) notes.push(bands.note);
  let pendingOrientation = 1;
  if (orientation === 2) image = scope.track(image.flip('horizontal'));
  else if (turnInMemory) {
    image = scope.track(image.autorot());
    notes.push(`EXIF orientation ${orientation} applied`);
  } else if (needsRandomAccess(orientation)) pendingOrientation = orientation;
  if (oddFormat) {
    image = scope.track(image.scale());
    notes.push(`${sampleFormat} samples scaled to 8 bits from their own minimum and maximum`);
  }
  image = toDisplayColour(scope, image, notes, warnings);
  if (image.hasAlpha()) image = scope.track(image.flatten({ background: [255] }));
  if (image.format !== 'uchar') image = scope.track(image.cast('uchar'));
  if (image.bands === 2) image = scope.track(image.extractBand(0));
  if (image.bands > 3) image = scope.track(image.extractBand(0, { n: 3 }));
  return { image, notes, warnings, metadata: bands.metadata ? [bands.metadata] : [], pendingOrientation };
}

/**
 * A TIFF's pages are canvases of their own (each its own job) and its reduced-resolution overviews are
 * not pages; other formats' extra frames (animation) are left out, which a person should know.
 */
function pageNotes(image: Image, tiff: TiffPage | null, notes: string[], warnings: string[]): void {
  if (tiff) {
    if (tiff.pages > 1) notes.push(`page ${tiff.index + 1} of ${tiff.pages}`);
    if (tiff.overviews)
      notes.push(`${tiff.overviews} reduced-resolution overview${tiff.overviews > 1 ? 's' : ''} skipped`);
    return;
  }
  const pages = image.getTypeof('n-pages') ? image.getInt('n-pages') : 1;
  if (pages > 1) warnings.push(`first of ${pages} pages or frames tiled`);
}

/** Converts to 8-bit sRGB (or 8-bit grey for grey input without a profile). */
function toDisplayColour(scope: HandleScope, image: Image, notes: string[], warnings: string[]): Image {
  if (image.getTypeof('icc-profile-data')) {
    try {
      const converted = scope.track(image.iccTransform('srgb', { embedded: true, depth: 8 }));
      notes.push('embedded ICC profile converted to sRGB');
      return converted;
    } catch (error) {
      warnings.push(`embedded ICC profile unusable (${vipsErrorText(error)}); assumed sRGB`);
    }
  }
  const interpretation = image.interpretation;
  if (interpretation === 'cmyk') {
    try {
      return scope.track(image.iccTransform('srgb', { input_profile: 'cmyk', depth: 8 }));
    } catch {
      return scope.track(image.colourspace('srgb'));
    }
  }
  if (interpretation === 'b-w' || interpretation === 'grey16') {
    return image.format === 'uchar' ? image : scope.track(image.colourspace('b-w'));
  }
  if (interpretation === 'srgb' && image.format === 'uchar') return image;
  return scope.track(image.colourspace('srgb'));
}

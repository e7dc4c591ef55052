import type Vips from 'wasm-vips';
import { headerProblem, inMemoryMaxPixels, type InputPolicy } from '../../shared/input-policy';
import type { ImageFormat } from '../../shared/sniff';
import { TileError } from '../../shared/tile-error';
import type { LabelValue } from '../../shared/descriptive';
import type { TiffPageRoles } from '../../shared/tiff-pages';
import { chooseBands } from './extra-bands';
import type { HandleScope } from './handles';
import { vipsErrorText } from './vips-error';

type VipsModule = typeof Vips;
type Image = Vips.Image;

export interface NormalisedImage {
  /** 8-bit, sRGB or grey, no alpha, readable top to bottom; upright unless `pendingOrientation` says. */
  image: Image;
  notes: string[];
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
  /** A TIFF's pages and overviews (see tiff-pages.ts); null for other formats. */
  tiffPages: TiffPageRoles | null;
}

const needsRandomAccess = (orientation: number) => orientation >= 3 && orientation <= 8;

/** Opens a file and builds the lazy pipeline that turns it into what tiles are cut from. */
export function openNormalised(vips: VipsModule, scope: HandleScope, options: OpenOptions): NormalisedImage {
  const notes: string[] = [];
  // libjpeg reports corrupt entropy-coded data and libpng a bad CRC as warnings: for these two formats a
  // warning is damage. Other loaders warn about harmless things (libtiff's unknown tags), so only truncation.
  const strict = options.format === 'jpeg' || options.format === 'png' ? 'warning' : 'truncated';
  const fail_on = options.tolerateDamage ? 'none' : strict;
  const load = (access: 'sequential' | 'random') =>
    scope.track(vips.Image.newFromSource(scope.track(options.openSource()), '', { access, fail_on }));
  let image = load('sequential');
  const problem = headerProblem(options.format, image, options.byteLength, options.policy);
  if (problem) throw new TileError('TooLarge', `Refused before decoding: the header ${problem}`);
  const orientation = image.getTypeof('orientation') ? image.getInt('orientation') : 1;
  notes.push(...pageNotes(image, options.tiffPages));
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
  const bands = chooseBands(scope, image, options.tiffPages?.extraSamples ?? []);
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
  image = toDisplayColour(scope, image, notes);
  if (image.hasAlpha()) image = scope.track(image.flatten({ background: [255] }));
  if (image.format !== 'uchar') image = scope.track(image.cast('uchar'));
  if (image.bands === 2) image = scope.track(image.extractBand(0));
  if (image.bands > 3) image = scope.track(image.extractBand(0, { n: 3 }));
  return { image, notes, metadata: bands.metadata ? [bands.metadata] : [], pendingOrientation };
}

/** Pages beyond the first, told apart from a TIFF's reduced-resolution overviews (which are not pages). */
function pageNotes(image: Image, tiff: TiffPageRoles | null): string[] {
  if (tiff) {
    const notes = tiff.pages > 1 ? [`first of ${tiff.pages} pages tiled`] : [];
    if (tiff.overviews)
      notes.push(`${tiff.overviews} reduced-resolution overview${tiff.overviews > 1 ? 's' : ''} skipped`);
    return notes;
  }
  const pages = image.getTypeof('n-pages') ? image.getInt('n-pages') : 1;
  return pages > 1 ? [`first of ${pages} pages or frames tiled`] : [];
}

/** Converts to 8-bit sRGB (or 8-bit grey for grey input without a profile). */
function toDisplayColour(scope: HandleScope, image: Image, notes: string[]): Image {
  if (image.getTypeof('icc-profile-data')) {
    try {
      const converted = scope.track(image.iccTransform('srgb', { embedded: true, depth: 8 }));
      notes.push('embedded ICC profile converted to sRGB');
      return converted;
    } catch (error) {
      notes.push(`embedded ICC profile unusable (${vipsErrorText(error)}); assumed sRGB`);
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

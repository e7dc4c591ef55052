import type Vips from 'wasm-vips';
import { headerProblem, type InputPolicy } from '../../shared/input-policy';
import type { ImageFormat } from '../../shared/sniff';
import { TileError } from '../../shared/tile-error';
import type { HandleScope } from './handles';
import { vipsErrorText } from './vips-error';

type VipsModule = typeof Vips;
type Image = Vips.Image;

/** Decoding a whole image into memory is allowed up to this many pixels (rotations, odd sample formats). */
export const IN_MEMORY_MAX_PIXELS = 80_000_000;

export interface NormalisedImage {
  /** Upright, 8-bit, sRGB or grey, no alpha: ready to tile in top-to-bottom strips. */
  image: Image;
  notes: string[];
}

export interface OpenOptions {
  /** Opens the file again from its start: a random-access decode needs a fresh source. */
  openSource: () => Vips.Source;
  format: ImageFormat;
  byteLength: number;
  policy: InputPolicy;
  /** Decode past truncation and corrupt data instead of failing. */
  tolerateDamage: boolean;
}

const needsRandomAccess = (orientation: number) => orientation >= 3 && orientation <= 8;

/** Opens a file and builds the lazy pipeline that turns it into what tiles are cut from. */
export function openNormalised(vips: VipsModule, scope: HandleScope, options: OpenOptions): NormalisedImage {
  const notes: string[] = [];
  const fail_on = options.tolerateDamage ? 'none' : 'truncated';
  const load = (access: 'sequential' | 'random') =>
    scope.track(vips.Image.newFromSource(scope.track(options.openSource()), '', { access, fail_on }));
  let image = load('sequential');
  const problem = headerProblem(options.format, image, options.byteLength, options.policy);
  if (problem) throw new TileError('TooLarge', `Refused before decoding: the header ${problem}`);
  const orientation = image.getTypeof('orientation') ? image.getInt('orientation') : 1;
  const pages = image.getTypeof('n-pages') ? image.getInt('n-pages') : 1;
  if (pages > 1) notes.push(`first of ${pages} pages or frames tiled`);
  const oddFormat = image.format !== 'uchar' && image.format !== 'ushort';

  if (needsRandomAccess(orientation) || oddFormat) {
    const pixels = image.width * image.height;
    if (pixels > IN_MEMORY_MAX_PIXELS) {
      throw new TileError(
        'TooLarge',
        `${needsRandomAccess(orientation) ? `EXIF orientation ${orientation}` : `${image.format} samples`} ` +
          `need a whole-image decode, allowed up to ${IN_MEMORY_MAX_PIXELS / 1e6} megapixels; ` +
          `this image has ${(pixels / 1e6).toFixed(0)}`,
      );
    }
    image = load('random');
  }
  if (orientation === 2) image = scope.track(image.flip('horizontal'));
  else if (needsRandomAccess(orientation)) {
    image = scope.track(image.autorot());
    notes.push(`EXIF orientation ${orientation} applied`);
  }
  if (oddFormat) {
    image = scope.track(image.scale());
    notes.push(`${image.format} samples scaled to 8 bits from their own minimum and maximum`);
  }
  image = toDisplayColour(scope, image, notes);
  if (image.hasAlpha()) image = scope.track(image.flatten({ background: [255] }));
  if (image.format !== 'uchar') image = scope.track(image.cast('uchar'));
  if (image.bands === 2) image = scope.track(image.extractBand(0));
  if (image.bands > 3) image = scope.track(image.extractBand(0, { n: 3 }));
  return { image, notes };
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

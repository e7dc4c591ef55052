import type Vips from 'wasm-vips';
import type { LabelValue } from '../../shared/descriptive';
import type { HandleScope } from './handles';

type Image = Vips.Image;

export interface BandChoice {
  image: Image;
  note?: string;
  metadata?: LabelValue;
}

/**
 * Multispectral files (GeoTIFFs of 3 to 8 bands, or bands marked "unspecified", not alpha): the first three
 * bands become red, green and blue, a file of one or two such bands shows its first as grey. Alpha stays
 * where the file marks it as alpha.
 */
export function chooseBands(scope: HandleScope, image: Image, extraSamples: number[]): BandChoice {
  const bands = image.bands;
  const marksAlpha = extraSamples.some((s) => s === 1 || s === 2);
  const grey = image.interpretation === 'b-w' || image.interpretation === 'grey16';
  const colourBands = grey ? 1 : 3;
  // Extra bands the file does not call alpha, or more than colour plus one alpha: spectral bands.
  const spectral = (extraSamples.length > 0 && !marksAlpha) || bands > colourBands + 1;
  if (!spectral || bands <= colourBands) return { image };
  const used = bands >= 3 ? 3 : 1;
  const picked = scope.track(image.extractBand(0, { n: used }));
  const deep = image.format !== 'uchar';
  const interpretation = used === 1 ? (deep ? 'grey16' : 'b-w') : deep ? 'rgb16' : 'srgb';
  const chosen = scope.track(picked.copy({ interpretation }));
  const value = used === 1 ? `band 1 of ${bands}, as grey` : `bands 1–3 of ${bands}, as red, green and blue`;
  return { image: chosen, note: `${value} shown`, metadata: { label: 'Bands used', value } };
}

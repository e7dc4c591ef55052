import type Vips from 'wasm-vips';
import type { TileSettings } from '../../shared/settings';
import { sniff, type ImageFormat } from '../../shared/sniff';
import { TileError } from '../../shared/tile-error';
import { HandleScope } from './handles';
import { openNormalised } from './normalise';
import { writePyramid, type BundleSink, type PyramidProgress } from './pyramid-writer';
import { vipsErrorText } from './vips-error';

export interface TileInput {
  /** The file's first bytes (see SNIFF_LENGTH): the format is decided from them alone. */
  head: Uint8Array;
  openSource: () => Vips.Source;
  settings: TileSettings;
  allowDamaged?: boolean;
}

export interface TileOutcome {
  format: ImageFormat;
  /** Size after orientation: what info.json and the manifest declare. */
  width: number;
  height: number;
  notes: string[];
}

/** File → every tile and size of its IIIF level-0 pyramid, written to `sink`. Same code in browser and Node. */
export async function tileImage(
  vips: typeof Vips,
  input: TileInput,
  sink: BundleSink,
  onStart: (size: { width: number; height: number }) => void,
  onProgress: (p: PyramidProgress) => void,
): Promise<TileOutcome> {
  const sniffed = sniff(input.head);
  if (sniffed.kind === 'not-image') throw new TileError('NotAnImage', `Not an image: detected ${sniffed.detected}`);
  if (sniffed.kind === 'unsupported') {
    throw new TileError('UnsupportedFormat', `Unsupported format: ${sniffed.format}`);
  }
  const scope = new HandleScope();
  try {
    const { image, notes } = openNormalised(vips, scope, input);
    const size = { width: image.width, height: image.height };
    onStart(size);
    try {
      await writePyramid(vips, image, input.settings, sink, onProgress);
    } catch (error) {
      if (error instanceof TileError) throw error;
      throw new TileError(
        'DecodeFailed',
        `Cannot decode this ${sniffed.format.toUpperCase()}: ${vipsErrorText(error)}`,
      );
    }
    return { format: sniffed.format, ...size, notes };
  } finally {
    scope.dispose();
  }
}

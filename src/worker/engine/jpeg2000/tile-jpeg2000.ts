import type Vips from 'wasm-vips';
import { headerProblem } from '../../../shared/input-policy';
import { TileError } from '../../../shared/tile-error';
import { writePyramid, type BundleSink } from '../pyramid-writer';
import type { RowOffload } from '../row-offload';
import { encodeRoute } from '../encode-route';
import type { TileCallbacks, TileInput, TileOutcome } from '../tile-image';
import { readBytes } from '../windowed-source';
import { openJpeg2000 } from './jp2-strips';

/** A JPEG 2000 file → its pyramid, decoded by OpenJPEG tile row by tile row (see jp2-strips.ts). */
export async function tileJpeg2000(
  vips: typeof Vips,
  input: TileInput,
  sink: BundleSink,
  callbacks: TileCallbacks,
  offload: RowOffload | undefined,
): Promise<TileOutcome> {
  const openJpeg = await input.openJpeg();
  const read = readBytes(input.readAt, input.byteLength);
  const { strips, notes, warnings, metadata } = openJpeg2000(vips, openJpeg, read, input.byteLength);
  const problem = headerProblem('jp2', strips, input.byteLength, input.policy);
  if (problem) throw new TileError('TooLarge', `Refused before decoding: the header ${problem}`);
  callbacks.onStart({ width: strips.width, height: strips.height });
  offload?.startImage(strips.width);
  await writePyramid(strips, input.settings, sink, callbacks.onProgress, offload);
  const route = encodeRoute(input, offload, notes);
  return {
    format: 'jp2',
    route,
    width: strips.width,
    height: strips.height,
    notes,
    warnings,
    metadata,
    damaged: false,
  };
}

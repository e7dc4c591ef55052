import type Vips from 'wasm-vips';
import { sourceSizeProblem, type InputPolicy } from '../../shared/input-policy';
import type { RowHelper } from '../../shared/row-job';
import type { TileSettings } from '../../shared/settings';
import { sniff, type ImageFormat } from '../../shared/sniff';
import type { LabelValue } from '../../shared/descriptive';
import { TileError } from '../../shared/tile-error';
import { decodeFailure } from './decode-failure';
import { HandleScope } from './handles';
import { openNormalised, type OpenOptions, type TiffPage } from './normalise';
import { pngDamage } from '../../shared/png-damage';
import { tiffPageRoles, type TiffPageRoles } from '../../shared/tiff-pages';
import { clearVipsErrors, vipsErrorText } from './vips-error';
import { readBytes, type ReadAt } from './windowed-source';
import { imageStrips, writePyramid, type BundleSink, type PyramidProgress } from './pyramid-writer';
import { RowOffload } from './row-offload';
import type { OpenScratch } from './scratch-file';
import { tileJpeg2000 } from './jpeg2000/tile-jpeg2000';
import type { OpenJpeg } from './jpeg2000/openjpeg';
import { turnThroughScratch } from './turn-through-scratch';
import type { EncodeRoute } from '../../shared/encoder-route';
import { encodeRoute } from './encode-route';

export interface TileInput {
  /** The file's first bytes (see SNIFF_LENGTH): the format is decided from them alone. */
  head: Uint8Array;
  byteLength: number;
  openSource: () => Vips.Source;
  /** Reads the file directly (JPEG 2000 is decoded outside libvips, a codestream tile at a time). */
  readAt: ReadAt;
  /** OpenJPEG, loaded on first use (the worker fetches its wasm from the bundle, Node reads it from disk). */
  openJpeg: () => Promise<OpenJpeg>;
  /** How far into the file `openSource`'s sources can seek; undefined: anywhere. */
  seekableBytes?: number;
  settings: TileSettings;
  policy: InputPolicy;
  /** Where an image too large to turn upright in memory is turned instead; without it, such images are refused. */
  openScratch?: OpenScratch;
  /** Another thread that may encode some tile rows (see RowOffload). */
  helper?: RowHelper;
  /** Without a helper: another encoder in this thread for the same rows (the browser's, see BrowserRowEncoder). */
  rowEncoder?: RowHelper;
  /** Which full-resolution page of a multi-page TIFF (0-based); the first when absent. */
  page?: number;
}

export interface TileOutcome {
  format: ImageFormat;
  /** Which encoder wrote the tile rows (the report's route column). */
  route: EncodeRoute;
  /** Size after orientation: what info.json and the manifest declare. */
  width: number;
  height: number;
  notes: string[];
  /** What a person should check before publishing: damage tiled anyway, frames left out, a profile ignored. */
  warnings: string[];
  /** What the file says about itself that the manifest's metadata keeps (resolution, bands used, damage). */
  metadata: LabelValue[];
  /** Tiled although truncated or corrupt, because the policy allows damaged files. */
  damaged: boolean;
}

export interface TileCallbacks {
  onStart: (size: { width: number; height: number }) => void;
  onProgress: (p: PyramidProgress) => void;
  /** Turning a large image upright through a scratch file, before any tile: stored rows read so far. */
  onTurnProgress?: (rowsDone: number, rowsTotal: number) => void;
}

/** File → every tile and size of its IIIF level-0 pyramid, written to `sink`. Same code in browser and Node. */
export async function tileImage(
  vips: typeof Vips,
  input: TileInput,
  sink: BundleSink,
  callbacks: TileCallbacks,
): Promise<TileOutcome> {
  const sniffed = sniff(input.head);
  if (sniffed.kind === 'not-image') throw new TileError('NotAnImage', `Not an image: detected ${sniffed.detected}`);
  if (sniffed.kind === 'unsupported') {
    throw new TileError('UnsupportedFormat', `Unsupported format: ${sniffed.format}`);
  }
  const format = sniffed.format;
  // Read through readAt, not a libvips source: no seek limit applies.
  if (format === 'jp2')
    return await withOffload(input, (offload) => tileJpeg2000(vips, input, sink, callbacks, offload));
  const sizeProblem = sourceSizeProblem(format, input.byteLength, input.seekableBytes);
  if (sizeProblem) throw new TileError('TooLarge', `Refused before decoding: ${sizeProblem}`);
  const read = readBytes(input.readAt, input.byteLength);
  const tiffPage = format === 'tiff' ? pageOf(tiffPageRoles(read, input.byteLength), input.page ?? 0) : null;
  if (!tiffPage && input.page) throw new TileError('UnsupportedFormat', `This file has no page ${input.page + 1}`);
  return await withOffload(input, async (offload) => {
    const attempt = (tolerateDamage: boolean, randomAccess: boolean) =>
      tileOnce(vips, { ...input, format, tolerateDamage, randomAccess, tiffPage }, sink, callbacks, offload);
    try {
      return await attempt(false, false);
    } catch (error) {
      if (!OUT_OF_ORDER.test(vipsErrorText(error))) return await retryDamaged(error, attempt, false);
      // Strips or tiles stored in an order libvips cannot stream (planar-separate strips, some GeoTIFFs).
      await sink.clear();
      return await attempt(false, true).catch((e: unknown) => retryDamaged(e, attempt, true));
    }
  });

  /** libpng's reason does not reach us ("libpng read error"): the chunks say which damage it is. */
  function nameDamage(failure: TileError): TileError {
    if (failure.code !== 'Damaged' || format !== 'png') return failure;
    const named = pngDamage(read, input.byteLength);
    return named ? new TileError('Damaged', named) : failure;
  }

  async function retryDamaged(
    error: unknown,
    attempt: (tolerateDamage: boolean, randomAccess: boolean) => Promise<TileOutcome>,
    randomAccess: boolean,
  ): Promise<TileOutcome> {
    const failure = nameDamage(decodeFailure(error, format));
    if (failure.code !== 'Damaged' || !input.policy.allowDamaged) throw failure;
    // Strict first, so a damaged file is known to be damaged; then again, tolerating the damage.
    await sink.clear();
    const outcome = await attempt(true, randomAccess).catch((e: unknown) => {
      throw decodeFailure(e, format);
    });
    // The strict attempt's reason is the warning the row, the manifest and the report carry.
    outcome.warnings.unshift(`damaged file tiled anyway (${failure.message}): parts of it may be grey or garbled`);
    outcome.metadata.push({ label: 'Damaged file', value: failure.message });
    return outcome;
  }
}

/** Page `index` of a TIFF's full-resolution pages; null when the walk failed or there is no such page. */
function pageOf(roles: TiffPageRoles | null, index: number): TiffPage | null {
  const ifd = roles?.pageIfds[index];
  if (!roles || ifd === undefined) return null;
  const pages = roles.pageIfds.length;
  return { index, pages, ifd, overviews: roles.overviews, extraSamples: roles.extraSamples[ifd] ?? [] };
}

async function withOffload<T>(input: TileInput, run: (offload: RowOffload | undefined) => Promise<T>): Promise<T> {
  const encoder = input.helper ?? input.rowEncoder;
  const offload = encoder && new RowOffload(encoder);
  try {
    return await run(offload);
  } finally {
    offload?.release();
  }
}

/** libvips' sequential reader refusing to go back: the file must be read with random access instead. */
const OUT_OF_ORDER = /out of order read/i;

async function tileOnce(
  vips: typeof Vips,
  input: TileInput & OpenOptions,
  sink: BundleSink,
  callbacks: TileCallbacks,
  offload: RowOffload | undefined,
): Promise<TileOutcome> {
  const { format, tolerateDamage } = input;
  clearVipsErrors(vips);
  const scope = new HandleScope();
  let closeScratch = async () => {};
  try {
    const normalised = openNormalised(vips, scope, input);
    const { notes, warnings, metadata, pendingOrientation } = normalised;
    let image = normalised.image;
    if (pendingOrientation !== 1) {
      const turned = await turnThroughScratch(vips, scope, image, pendingOrientation, input.openScratch, callbacks);
      closeScratch = turned.close;
      image = turned.image;
      notes.push(turned.note);
    } else callbacks.onStart({ width: image.width, height: image.height });
    const size = { width: image.width, height: image.height };
    offload?.startImage(size.width);
    await writePyramid(imageStrips(image), input.settings, sink, callbacks.onProgress, offload);
    const route = encodeRoute(input, offload, notes);
    return { format, route, ...size, notes, warnings, metadata, damaged: tolerateDamage };
  } finally {
    scope.dispose();
    await closeScratch();
  }
}

import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import Vips from 'wasm-vips';
import { readsFrontToBack, type InputPolicy } from '../shared/input-policy';
import type { TileSettings } from '../shared/settings';
import { SNIFF_LENGTH, sniff } from '../shared/sniff';
import { describeFailure } from '../shared/tile-error';
import { tileImage, type TileOutcome } from '../worker/engine/tile-image';
import { FileSink } from './file-sink';
import { nameForImageApi2 } from './image-api2-files';
import { writeTiffFile } from './tiff-file';
import { WHOLE_READ_MAX_BYTES } from '../worker/engine/source-opener';
import { fsReadAt, fsSourceOpener } from './fs-source';
import { openTempScratch } from './temp-scratch';
import { nodeOpenJpeg } from './openjpeg-node';

/** One file for this worker thread: the same engine as the browser's worker, writing to disk. */
export interface CliJob {
  path: string;
  folder: string;
  settings: TileSettings;
  policy: InputPolicy;
  /** Which full-resolution page of a multi-page TIFF. */
  page?: number;
  /** Where to write the image's pyramidal TIFF as well, if asked for (`--tiff`). */
  tiff?: string;
  /** Name the files for Image API 2.1 (`--image-api 2`). */
  imageApi2?: boolean;
}

/** What the report keeps of a finished job (see batch-report.ts). */
export interface CliDone extends Pick<
  TileOutcome,
  'format' | 'route' | 'width' | 'height' | 'notes' | 'warnings' | 'metadata'
> {
  ok: true;
  storedBytes: number;
  elapsedMs: number;
}

export type CliResult = CliDone | { ok: false; error: string; code: string };

const vips = Vips().then((v) => {
  v.Cache.max(0);
  v.concurrency(1);
  return v;
});

async function run(job: CliJob): Promise<CliResult> {
  const sink = new FileSink(job.folder);
  let fd: number | null = null;
  const started = performance.now();
  try {
    fd = openSync(job.path, 'r');
    const size = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(SNIFF_LENGTH, size));
    readSync(fd, head, 0, head.length, 0);
    const v = await vips;
    const sniffed = sniff(head);
    // Small files and formats read front to back go through our own source (see fs-source.ts); large files
    // of the others, which seek anywhere, through libvips' own, whose seeks are 64-bit (a 4.6 GB BigTIFF tiles).
    const frontToBack = sniffed.kind === 'image' && readsFrontToBack(sniffed.format);
    const openFile =
      frontToBack || size <= WHOLE_READ_MAX_BYTES ? fsSourceOpener(v, fd, size) : () => v.Source.newFromFile(job.path);
    const outcome = await tileImage(
      v,
      {
        head,
        byteLength: size,
        openSource: openFile,
        readAt: fsReadAt(fd),
        openJpeg: nodeOpenJpeg,
        settings: job.settings,
        policy: job.policy,
        openScratch: (bytes) => openTempScratch(bytes),
        page: job.page,
      },
      sink,
      { onStart: () => {}, onProgress: () => {} },
    );
    const { format, route, width, height, notes, warnings, metadata } = outcome;
    if (job.tiff) await writeTiffFile(v, job.folder, { width, height }, job.settings, job.tiff);
    if (job.imageApi2) await nameForImageApi2(job.folder, { id: '', width, height, settings: job.settings });
    const elapsedMs = Math.round(performance.now() - started);
    return {
      ok: true,
      format,
      route,
      width,
      height,
      notes,
      warnings,
      metadata,
      storedBytes: sink.storedBytes,
      elapsedMs,
    };
  } catch (error) {
    await sink.clear();
    return { ok: false, error: describeFailure(error), code: error instanceof Error ? error.name : 'Error' };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

parentPort?.on('message', (job: CliJob) => {
  void run(job).then((result) => parentPort?.postMessage(result));
});

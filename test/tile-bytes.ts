import { DEFAULT_INPUT_POLICY, type InputPolicy } from '../src/shared/input-policy';
import type { RowHelper } from '../src/shared/row-job';
import { DEFAULT_SETTINGS, type TileSettings } from '../src/shared/settings';
import type { OpenScratch } from '../src/worker/engine/scratch-file';
import type { BundleSink } from '../src/worker/engine/pyramid-writer';
import { tileImage } from '../src/worker/engine/tile-image';
import { memoryReadAt, MemorySink } from './memory-sink';
import { nodeVips } from './node-vips';
import { nodeOpenJpeg } from '../src/cli/openjpeg-node';

/** Runs the engine in Node on bytes in memory, as the worker runs it on a File. */
export async function tileBytes(
  bytes: Uint8Array,
  settings: TileSettings = DEFAULT_SETTINGS,
  policy: InputPolicy = DEFAULT_INPUT_POLICY,
  openScratch?: OpenScratch,
  helper?: RowHelper,
  page?: number,
) {
  const sink = new MemorySink();
  return { ...(await tileBytesInto(sink, bytes, settings, policy, openScratch, helper, page)), sink };
}

/** tileBytes into a sink of the caller's (one that keeps only some files, say). */
export async function tileBytesInto(
  sink: BundleSink,
  bytes: Uint8Array,
  settings: TileSettings = DEFAULT_SETTINGS,
  policy: InputPolicy = DEFAULT_INPUT_POLICY,
  openScratch?: OpenScratch,
  helper?: RowHelper,
  page?: number,
) {
  const vips = await nodeVips();
  const outcome = await tileImage(
    vips,
    {
      head: bytes.subarray(0, 512),
      byteLength: bytes.byteLength,
      openSource: () => vips.Source.newFromMemory(bytes),
      readAt: memoryReadAt(bytes),
      openJpeg: nodeOpenJpeg,
      settings,
      policy,
      openScratch,
      helper,
      page,
    },
    sink,
    { onStart: () => {}, onProgress: () => {} },
  );
  return { outcome, vips };
}

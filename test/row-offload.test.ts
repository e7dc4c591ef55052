import sharp from 'sharp';
import type Vips from 'wasm-vips';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_POLICY } from '../src/shared/input-policy';
import { DEFAULT_SETTINGS, type TileSettings } from '../src/shared/settings';
import { imageStrips, writePyramid } from '../src/worker/engine/pyramid-writer';
import type { RowHelper } from '../src/shared/row-job';
import { encodeRowJob, RowOffload } from '../src/worker/engine/row-offload';
import { MemorySink } from './memory-sink';
import { nodeVips } from './node-vips';
import { tileBytes } from './tile-bytes';

/** A detailed JPEG, so that a misplaced or wrongly encoded tile cannot match by chance. */
async function photo(width: number, height: number): Promise<Uint8Array> {
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 };
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: '#888', noise } })
      .blur(1)
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
}

/**
 * A helper on this thread: the same encodeRowJob a helper worker runs, answered on a later turn of the
 * event loop as a message from another thread would be. Counts the rows it encoded.
 */
function sameThreadHelper(vips: typeof Vips, behaviour: 'answers' | 'fails' | 'silent' | 'never-ready' = 'answers') {
  const helper = {
    rows: 0,
    /** Each release's `failed`. */
    releases: [] as boolean[],
    release: (failed: boolean) => void helper.releases.push(failed),
    ready: () => (behaviour === 'never-ready' ? new Promise<void>(() => {}) : Promise.resolve()),
    encodeRow: async (job: Parameters<RowHelper['encodeRow']>[0]) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (behaviour === 'fails') throw new Error('helper failed');
      if (behaviour === 'silent') return new Promise<never>(() => {});
      helper.rows++;
      return encodeRowJob(vips, job);
    },
  };
  return helper;
}

async function tile(bytes: Uint8Array, settings: TileSettings, helper?: RowHelper) {
  const { outcome, sink } = await tileBytes(bytes, settings, DEFAULT_INPUT_POLICY, undefined, helper);
  return { outcome, files: sink.files };
}

function expectSameFiles(got: Map<string, Uint8Array>, want: Map<string, Uint8Array>) {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [path, bytes] of want) expect(Buffer.compare(got.get(path)!, bytes), path).toBe(0);
}

describe('tile rows encoded by a helper', () => {
  it.each([
    ['JPEG tiles, level 0 stacked into full/max (4000 px)', 4000, 1100, DEFAULT_SETTINGS],
    ['JPEG tiles, level 0 too wide to offer, level 1 not stackable (5472 px)', 5472, 700, DEFAULT_SETTINGS],
    ['JPEG and WebP tiles', 1500, 900, { ...DEFAULT_SETTINGS, format: 'webp' as const }],
  ])('%s: every file is byte for byte what the owner alone writes', async (_, width, height, settings) => {
    const vips = await nodeVips();
    const bytes = await photo(width, height);
    const alone = await tile(bytes, settings);
    const helper = sameThreadHelper(vips);
    const helped = await tile(bytes, settings, helper);
    expectSameFiles(helped.files, alone.files);
    // Level 0 and level 1 rows go to the helper, but the first, sent before its readiness is known.
    const rows = Math.ceil(height / 256) + Math.ceil(Math.ceil(height / 2) / 256);
    expect(helper.rows).toBe(rows - 1);
    expect(helped.outcome.notes).toContain(`${rows - 1} tile rows encoded by an idle second worker`);
    expect(alone.outcome.notes.join()).not.toMatch(/second worker/);
    expect(helper.releases).toEqual([false]);
  });

  it.each(['fails', 'never-ready'] as const)(
    'a helper that %s changes nothing: the owner encodes every row itself',
    async (behaviour) => {
      const vips = await nodeVips();
      const bytes = await photo(1200, 800);
      const alone = await tile(bytes, DEFAULT_SETTINGS);
      const helper = sameThreadHelper(vips, behaviour);
      const helped = await tile(bytes, DEFAULT_SETTINGS, helper);
      expectSameFiles(helped.files, alone.files);
      expect(helped.outcome.notes.join()).not.toMatch(/second worker/);
      expect(helper.releases).toEqual([behaviour === 'fails']);
    },
  );

  it('an image too wide for any row to be sent lets the helper go as soon as its width is known', async () => {
    const vips = await nodeVips();
    const helper = sameThreadHelper(vips);
    const offload = new RowOffload(helper);
    // Level 1 of 16386 px is 8193 px wide: wider than the widest row sent (8192 px).
    offload.startImage(16384);
    expect(helper.releases).toEqual([]);
    offload.startImage(16386);
    expect(helper.releases).toEqual([false]);
    expect(offload.takes(1)).toBe(false);
    // And the engine then encodes every row itself.
    const bytes = await photo(16400, 300);
    const wide = sameThreadHelper(vips);
    const helped = await tile(bytes, DEFAULT_SETTINGS, wide);
    expect(wide.rows).toBe(0);
    expect(wide.releases).toEqual([false]);
    expect(helped.outcome.width).toBe(16400);
  });

  it("a damaged file tiled on the second attempt counts only that attempt's rows", async () => {
    const vips = await nodeVips();
    const whole = await photo(1200, 2560);
    const bytes = whole.subarray(0, Math.floor(whole.length * 0.6));
    const helper = sameThreadHelper(vips);
    const { outcome } = await tileBytes(
      bytes,
      DEFAULT_SETTINGS,
      { ...DEFAULT_INPUT_POLICY, allowDamaged: true },
      undefined,
      helper,
    );
    expect(outcome.damaged).toBe(true);
    const rows = Number(/(\d+) tile rows encoded/.exec(outcome.notes.join())?.[1]);
    // 10 rows at level 0 and 5 at level 1, the first sent before the helper answered.
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(15);
    expect(helper.releases).toEqual([false]);
  });

  it('a helper that stops answering is given up after its time, and the job still completes', async () => {
    const vips = await nodeVips();
    const bytes = await photo(1200, 800);
    const alone = await tile(bytes, DEFAULT_SETTINGS);
    const image = vips.Image.newFromBuffer(bytes, '', { access: 'sequential' });
    const sink = new MemorySink();
    const helper = sameThreadHelper(vips, 'silent');
    const offload = new RowOffload(helper, 50);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const started = performance.now();
    await writePyramid(imageStrips(image), DEFAULT_SETTINGS, sink, () => {}, offload);
    image.delete();
    expectSameFiles(sink.files, alone.files);
    expect(offload.rowsHelped).toBe(0);
    offload.release();
    expect(helper.releases).toEqual([true]);
    // Only the first row waited: the helper is not asked again after it failed to answer.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

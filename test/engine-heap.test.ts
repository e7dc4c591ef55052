import sharp from 'sharp';
import Vips from 'wasm-vips';
import { expect, it } from 'vitest';
import { DEFAULT_INPUT_POLICY } from '../src/shared/input-policy';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { tileImage } from '../src/worker/engine/tile-image';
import { recordWasmMemories, wasmMemoryBytes } from '../src/worker/wasm-memory';
import { MemorySink } from './memory-sink';

// Its own file, so its own wasm-vips: the heap only grows, and another test's images must not count.
it('keeps the wasm heap bounded on a 36000 px wide JPEG, a width at which it once grew 100 MB a row', async () => {
  recordWasmMemories();
  const vips = await Vips();
  vips.Cache.max(0);
  vips.concurrency(1);
  const [width, height] = [36000, 1536];
  const noise = { type: 'gaussian', mean: 128, sigma: 30 } as const;
  const jpeg = await sharp({ create: { width, height, channels: 3, background: '#777', noise } })
    .blur(1.5)
    .jpeg({ quality: 85 })
    .toBuffer();
  const bytes = new Uint8Array(jpeg);
  const startBytes = wasmMemoryBytes();
  const sink = new MemorySink();
  const outcome = await tileImage(
    vips,
    {
      head: bytes.subarray(0, 512),
      byteLength: bytes.byteLength,
      openSource: () => vips.Source.newFromMemory(bytes),
      settings: DEFAULT_SETTINGS,
      policy: DEFAULT_INPUT_POLICY,
    },
    sink,
    { onStart: () => {}, onProgress: () => {} },
  );
  expect(outcome).toMatchObject({ width, height });
  // 141 × 6 full-resolution tiles and the levels below them.
  expect([...sink.files.keys()].filter((p) => p.startsWith('0,0,256,256/'))).toHaveLength(1);
  expect(sink.files.size).toBeGreaterThan(141 * 6);
  // A few 27 MB strips above the start; before the fix this run grew the heap by 768 MiB.
  expect(wasmMemoryBytes() - startBytes).toBeLessThanOrEqual(128 * 2 ** 20);
}, 120_000);

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { recordWasmMemories, wasmMemoryBytes } from '../src/worker/wasm-memory';
import { nodeVips } from './node-vips';
import { meanDifference } from './pixels';
import { tileBytes } from './tile-bytes';

// Its own file, so its own wasm-vips: the heap only grows, and other tests' images must not count.
recordWasmMemories();

/**
 * Widths at which the heap once grew by about 100 MB a tile row: 36000 px (wide encoder buffers and
 * joined rows) and 20000 px (14.6 MiB decoded strips, now allocated padded). No case may grow the heap
 * by more than 192 MiB: it grows in 20% steps, and one step was 135 MiB in a full run, while the old
 * code grew it by 254 to 768 MiB. Each last full-resolution tile must show the source's pixels there.
 */
describe('wide images keep the wasm heap bounded', () => {
  it.each([
    ['JPEG', 36000, 1536],
    ['JPEG', 20000, 2048],
    ['PNG', 20000, 600],
    ['tiled TIFF', 20000, 600],
  ] as const)(
    '%s %i×%i',
    async (format, width, height) => {
      await nodeVips();
      const noise = { type: 'gaussian', mean: 128, sigma: 30 } as const;
      const made = sharp({ create: { width, height, channels: 3, background: '#777', noise } }).blur(1.5);
      const encoded =
        format === 'JPEG' ? made.jpeg({ quality: 85 }) : format === 'PNG' ? made.png() : made.tiff({ tile: true });
      const bytes = new Uint8Array(await encoded.toBuffer());
      const startBytes = wasmMemoryBytes();
      const { outcome, sink } = await tileBytes(bytes);
      expect(outcome).toMatchObject({ width, height });
      const [col, row] = [Math.floor((width - 1) / 256), Math.floor((height - 1) / 256)];
      const [x, y] = [col * 256, row * 256];
      const [w, h] = [Math.min(256, width - x), Math.min(256, height - y)];
      const tile = sink.files.get(`${x},${y},${w},${h}/${w},${h}/0/default.jpg`);
      expect(tile, 'bottom-right tile').toBeDefined();
      const source = await sharp(bytes).extract({ left: x, top: y, width: w, height: h }).png().toBuffer();
      expect(await meanDifference(tile!, source)).toBeLessThan(4);
      expect(wasmMemoryBytes() - startBytes).toBeLessThanOrEqual(192 * 2 ** 20);
    },
    120_000,
  );
});

import sharp from 'sharp';
import type Vips from 'wasm-vips';
import { describe, expect, it } from 'vitest';
import { sourceOpener } from '../src/worker/engine/source-opener';
import { nodeVips } from './node-vips';

/** A 3 MB JPEG and a reader over it that records each read's [position, length]. */
async function countingFile() {
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 60 };
  const bytes = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#777', noise } })
    .jpeg({ quality: 100 })
    .toBuffer();
  const reads: [number, number][] = [];
  const readAt = (into: Uint8Array, position: number) => {
    const piece = bytes.subarray(position, position + into.length);
    into.set(piece);
    reads.push([position, piece.length]);
    return piece.length;
  };
  return { bytes, reads, readAt };
}

/** The mean pixel value of `bytes` decoded from memory, to compare a source's decode with. */
function decodedMean(vips: typeof Vips, bytes: Uint8Array): number {
  const image = vips.Image.newFromBuffer(bytes);
  const mean = image.avg();
  image.delete();
  return mean;
}

describe('sourceOpener', () => {
  it('reads a small file once, whole, however many sources are opened on it', async () => {
    const vips = await nodeVips();
    const { bytes, reads, readAt } = await countingFile();
    const open = sourceOpener(vips, bytes.length, readAt);
    const mean = decodedMean(vips, bytes);
    for (let i = 0; i < 2; i++) {
      const image = vips.Image.newFromSource(open(), '', { access: 'sequential' });
      expect([image.width, image.height, image.avg()]).toEqual([2000, 1500, mean]);
      image.delete();
    }
    expect(reads).toEqual([[0, bytes.length]]);
  });

  it('streams a file over the limit through 1 MiB windows, never holding it whole', async () => {
    const vips = await nodeVips();
    const { bytes, reads, readAt } = await countingFile();
    const image = vips.Image.newFromSource(sourceOpener(vips, bytes.length, readAt, 1 << 20)(), '', {
      access: 'sequential',
    });
    expect([image.width, image.height, image.avg()]).toEqual([2000, 1500, decodedMean(vips, bytes)]);
    image.delete();
    expect(reads.length).toBeGreaterThanOrEqual(Math.ceil(bytes.length / (1 << 20)));
    expect(Math.max(...reads.map(([, length]) => length))).toBe(1 << 20);
  });

  it('gives a file that ends early as the bytes it has, which then decode as truncated', async () => {
    const vips = await nodeVips();
    const { bytes } = await countingFile();
    const short = bytes.subarray(0, bytes.length >> 1);
    const open = sourceOpener(vips, bytes.length, (into, position) => {
      const piece = short.subarray(position, position + into.length);
      into.set(piece);
      return piece.length;
    });
    const image = vips.Image.newFromSource(open(), '', { access: 'sequential', fail_on: 'truncated' });
    expect(image.width).toBe(2000);
    expect(() => image.avg()).toThrow();
    image.delete();
  });
});

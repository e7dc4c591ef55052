import { describe, expect, it } from 'vitest';
import { uprightRect, uprightSize } from '../src/worker/engine/orientation';
import { pnmHeader, writeUprightScratch } from '../src/worker/engine/upright-scratch';
import { MemoryScratch } from './memory-scratch';
import { nodeVips } from './node-vips';

/** A stored image whose every pixel is different: R, G from x, B from y (both mod 256, plus a band). */
async function storedImage(width: number, height: number, bands: 1 | 3) {
  const vips = await nodeVips();
  const data = new Uint8Array(width * height * bands);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * bands;
      data[o] = (x * 7 + y * 13) & 255;
      if (bands === 3) {
        data[o + 1] = x & 255;
        data[o + 2] = y & 255;
      }
    }
  }
  return vips.Image.newFromMemory(data, width, height, bands, vips.BandFormat.uchar);
}

describe('uprightRect', () => {
  const stored = { width: 700, height: 450 };
  it('maps stored rows to upright rows under 3 and 4, to upright columns under 5–8', () => {
    expect(uprightRect(3, stored, 0, 256)).toEqual({ x: 0, y: 194, width: 700, height: 256 });
    expect(uprightRect(4, stored, 256, 194)).toEqual({ x: 0, y: 0, width: 700, height: 194 });
    expect(uprightRect(5, stored, 256, 194)).toEqual({ x: 256, y: 0, width: 194, height: 700 });
    expect(uprightRect(6, stored, 0, 256)).toEqual({ x: 194, y: 0, width: 256, height: 700 });
    expect(uprightRect(7, stored, 256, 194)).toEqual({ x: 0, y: 0, width: 194, height: 700 });
    expect(uprightRect(8, stored, 0, 256)).toEqual({ x: 0, y: 0, width: 256, height: 700 });
    expect(uprightSize(6, stored)).toEqual({ width: 450, height: 700 });
    expect(() => uprightRect(9, stored, 0, 1)).toThrow(RangeError);
  });
});

describe('writeUprightScratch', () => {
  // 1100 rows: four whole strips of 256 and a short one, so bands are gathered and flushed several times.
  it.each([3, 4, 5, 6, 7, 8])(
    'orientation %i: the scratch PNM holds exactly what autorot makes, whatever the band budget',
    async (orientation) => {
      for (const bands of [3, 1] as const) {
        const image = await storedImage(300, 1100, bands);
        image.setInt('orientation', orientation);
        const expected = image.autorot().writeToMemory() as Uint8Array;
        const upright = uprightSize(orientation, { width: 300, height: 1100 });
        const header = pnmHeader(upright, bands);
        // Bands of upright columns: 0 bytes gives one strip each (5), 600 columns' worth gathers strips
        // [0, 512) and [512, 1100) (2), the default budget all of them (1).
        for (const [budget, bandsWritten] of [
          [0, 5],
          [300 * bands * 600, 2],
          [undefined, 1],
        ] as const) {
          let scratch: MemoryScratch | undefined;
          const progress: number[] = [];
          await writeUprightScratch(image, orientation, {
            openScratch: async (size) => (scratch = new MemoryScratch(size)),
            onProgress: (done, total) => progress.push(done / total),
            bandBudgetBytes: budget,
          });
          expect(scratch!.size).toBe(header.length + 300 * 1100 * bands);
          expect(scratch!.bytes.subarray(0, header.length)).toEqual(header);
          expect(Buffer.from(scratch!.bytes.subarray(header.length)).equals(Buffer.from(expected))).toBe(true);
          expect(progress).toEqual([256, 512, 768, 1024, 1100].map((r) => r / 1100));
          if (orientation >= 5) {
            // One write per upright row and band, plus the header.
            expect(scratch!.writes, `budget ${budget}`).toBe(1 + bandsWritten * 300);
          } else expect(scratch!.writes).toBe(1 + 5);
        }
        image.delete();
      }
    },
  );

  it('deletes the scratch file when decoding fails half way', async () => {
    const vips = await nodeVips();
    const jpeg = (await storedImage(300, 1100, 3)).jpegsaveBuffer({ Q: 90 });
    const truncated = vips.Image.newFromBuffer(jpeg.subarray(0, jpeg.length / 2), '', {
      access: 'sequential',
      fail_on: 'truncated',
    });
    let scratch: MemoryScratch | undefined;
    await expect(
      writeUprightScratch(truncated, 6, {
        openScratch: async (size) => (scratch = new MemoryScratch(size)),
        onProgress: () => {},
      }),
    ).rejects.toBeDefined();
    expect(scratch?.closed).toBe(true);
  });
});

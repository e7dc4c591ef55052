import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openTempScratch } from '../src/cli/temp-scratch';
import { DEFAULT_INPUT_POLICY } from '../src/shared/input-policy';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { asymmetric } from './fixtures';
import { meanDifference } from './pixels';
import { tileBytes } from './tile-bytes';

/** 700 × 450 = 0.315 megapixels: a limit of 0.1 sends it through the scratch file. */
const STREAMED = { ...DEFAULT_INPUT_POLICY, inMemoryMaxMegapixels: 0.1 };
const scratchFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith('vitrine-scratch-'));

describe('EXIF orientation on images too large to turn in memory', () => {
  it.each([2, 3, 4, 5, 6, 7, 8])(
    'orientation %i through a scratch file gives the same tiles as the whole-image autorot',
    async (orientation) => {
      const stored = await asymmetric(700, 450);
      const jpeg = await stored.jpeg({ quality: 90 }).withMetadata({ orientation }).toBuffer();
      const before = scratchFiles();
      const inMemory = await tileBytes(jpeg);
      const streamed = await tileBytes(jpeg, DEFAULT_SETTINGS, STREAMED, (bytes) => openTempScratch(bytes));
      const upright = orientation >= 5 ? { width: 450, height: 700 } : { width: 700, height: 450 };
      expect(inMemory.outcome).toMatchObject(upright);
      expect(streamed.outcome).toMatchObject(upright);
      if (orientation > 2) {
        // 700 × 450 × 3 bytes and the PNM header: 945,015 bytes.
        expect(streamed.outcome.notes).toContain(
          `EXIF orientation ${orientation} applied through a 923 kB scratch file`,
        );
      }
      // Same upright pixels in, same encoder: the files are identical, byte for byte.
      expect([...streamed.sink.files.keys()].sort()).toEqual([...inMemory.sink.files.keys()].sort());
      for (const [path, bytes] of inMemory.sink.files) {
        expect(Buffer.from(streamed.sink.files.get(path)!).equals(Buffer.from(bytes)), path).toBe(true);
      }
      // And upright: sharp's own auto-orientation of the same file agrees within JPEG error.
      const reference = await sharp(jpeg).rotate().png().toBuffer();
      const max = streamed.sink.files.get('full/max/0/default.jpg')!;
      expect(await meanDifference(max, reference)).toBeLessThan(3);
      expect(scratchFiles()).toEqual(before);
    },
  );

  it('refuses them when no scratch file can be made, with the reason', async () => {
    const jpeg = await (await asymmetric(700, 450)).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    await expect(tileBytes(jpeg, DEFAULT_SETTINGS, STREAMED)).rejects.toMatchObject({
      name: 'TooLarge',
      message: expect.stringMatching(/^EXIF orientation 6 needs a whole-image decode or a scratch file/),
    });
  });

  it('fails with NoScratchSpace, naming the space needed, when the disk cannot hold the scratch file', async () => {
    const jpeg = await (await asymmetric(700, 450)).jpeg().withMetadata({ orientation: 8 }).toBuffer();
    const tooSmall = (bytes: number) => openTempScratch(bytes * 1e12);
    await expect(tileBytes(jpeg, DEFAULT_SETTINGS, STREAMED, tooSmall)).rejects.toMatchObject({
      name: 'NoScratchSpace',
      message: expect.stringMatching(/^Turning this image upright needs a .+ scratch file in .+: only .+ free$/),
    });
  });
});

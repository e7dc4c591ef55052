import { describe, expect, it } from 'vitest';
import { levelTiles, scaleFactors, sizePath, tilePath, offeredSizes } from '../src/shared/pyramid';
import { buildInfoJson } from '../src/shared/iiif-info';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { nodeVips } from './node-vips';
import { tileBytes } from './tile-bytes';

describe('tileImage in Node', () => {
  it.each([
    [1, 1],
    [200, 150],
    [256, 256],
    [257, 100],
    [1000, 700],
    [2000, 1],
    [1, 2000],
  ])('writes every tile and size of a %i×%i JPEG at the right dimensions', async (width, height) => {
    const vips = await nodeVips();
    const source = vips.Image.black(width, height, { bands: 3 }).add([10, 120, 240]).cast('uchar');
    const jpeg = source.jpegsaveBuffer({ Q: 95 });
    source.delete();
    const { sink, outcome } = await tileBytes(jpeg);
    expect(outcome).toMatchObject({ width, height, format: 'jpeg' });
    const image = { width, height };
    const expected = new Set<string>(['full/max/0/default.jpg']);
    for (const s of scaleFactors(image, 256)) {
      for (const t of levelTiles(image, 256, s)) expected.add(tilePath(t, 'jpg'));
    }
    for (const size of offeredSizes(image, 256, 4096)) expected.add(sizePath(size, 'jpg'));
    expect(new Set(sink.files.keys())).toEqual(expected);
    for (const [path, bytes] of sink.files) {
      const decoded = vips.Image.newFromBuffer(bytes);
      const m = /\/(\d+),(\d+)\/0\/default/.exec(path);
      if (m) expect([decoded.width, decoded.height], path).toEqual([Number(m[1]), Number(m[2])]);
      else expect([decoded.width, decoded.height]).toEqual([width, height]);
      const avg = [0, 1, 2].map((b) => decoded.extractBand(b).avg());
      expect(avg[0]).toBeCloseTo(10, -1);
      expect(avg[2]).toBeCloseTo(240, -1);
      decoded.delete();
    }
  });
});

describe('full/max in Node', () => {
  it('stores full/max at the size a client computes from maxWidth/maxHeight, not at the ceil-rounded level', async () => {
    // 600×613 under a 256 cap: the 150×154 level, whose limits compute to 150×153 (613 · 150/600 = 153.25).
    const vips = await nodeVips();
    const source = vips.Image.black(600, 613, { bands: 3 }).add([200, 100, 50]).cast('uchar');
    const jpeg = source.jpegsaveBuffer({ Q: 95 });
    source.delete();
    const settings = { ...DEFAULT_SETTINGS, maxSide: 256 };
    const { sink } = await tileBytes(jpeg, settings);
    const info = buildInfoJson({ id: 'x', width: 600, height: 613, settings }, 'https://example.org/iiif');
    expect([info.maxWidth, info.maxHeight]).toEqual([150, 153]);
    const max = vips.Image.newFromBuffer(sink.files.get('full/max/0/default.jpg')!);
    expect([max.width, max.height]).toEqual([150, 153]);
    expect(max.extractBand(0).avg()).toBeCloseTo(200, -1);
    max.delete();
    const level = vips.Image.newFromBuffer(sink.files.get('full/150,154/0/default.jpg')!);
    expect([level.width, level.height]).toEqual([150, 154]);
    level.delete();
  });
});

import { describe, expect, it } from 'vitest';
import {
  MAX_PATH_JPG,
  levelSize,
  levelTiles,
  fullMax,
  largestOffered,
  maxSize,
  offeredSizes,
  scaleFactors,
  sizePath,
  sizeWithin,
  tileCount,
  tilePath,
  tileRow,
  type Size,
  type TileSpec,
} from './pyramid';

const CAP = 4096;

describe('scaleFactors', () => {
  it.each<[number, number, number, number[]]>([
    [1, 1, 256, [1]],
    [1, 1, 512, [1]],
    [256, 256, 256, [1]],
    [256, 256, 512, [1]],
    // 257 wide does not fit one 256 tile; at s=2 it is 129×128.
    [257, 256, 256, [1, 2]],
    [257, 256, 512, [1]],
    [512, 512, 256, [1, 2]],
    [513, 1, 512, [1, 2]],
    // 20000 → 10000, 5000, 2500, 1250, 625, 313, 157 (≤ 256 at s=128).
    [20000, 1, 256, [1, 2, 4, 8, 16, 32, 64, 128]],
    // … 625 at s=32 is > 512, 313 at s=64 fits.
    [20000, 1, 512, [1, 2, 4, 8, 16, 32, 64]],
    [1, 20000, 256, [1, 2, 4, 8, 16, 32, 64, 128]],
    [1, 20000, 512, [1, 2, 4, 8, 16, 32, 64]],
    // 5312×2988 → 2656×1494, 1328×747, 664×374, 332×187, 166×94.
    [5312, 2988, 256, [1, 2, 4, 8, 16, 32]],
    [5312, 2988, 512, [1, 2, 4, 8, 16]],
    [1000, 700, 256, [1, 2, 4]],
    [1000, 700, 512, [1, 2]],
  ])('%i×%i with tile %i → %j', (width, height, tile, expected) => {
    expect(scaleFactors({ width, height }, tile)).toEqual(expected);
  });

  it.each<Size>([
    { width: 0, height: 10 },
    { width: 10, height: 0 },
    { width: -1, height: 10 },
    { width: 10.5, height: 10 },
    { width: Number.NaN, height: 10 },
    { width: Number.POSITIVE_INFINITY, height: 10 },
  ])('rejects the invalid size %j', (size) => {
    expect(() => scaleFactors(size, 256)).toThrow(RangeError);
  });
});

describe('levelSize', () => {
  it('rounds up', () => {
    expect(levelSize({ width: 5312, height: 2988 }, 32)).toEqual({ width: 166, height: 94 });
    expect(levelSize({ width: 5312, height: 2988 }, 8)).toEqual({ width: 664, height: 374 });
    expect(levelSize({ width: 5312, height: 2988 }, 16)).toEqual({ width: 332, height: 187 });
    expect(levelSize({ width: 1001, height: 701 }, 2)).toEqual({ width: 501, height: 351 });
    expect(levelSize({ width: 1001, height: 701 }, 4)).toEqual({ width: 251, height: 176 });
    expect(levelSize({ width: 20000, height: 1 }, 64)).toEqual({ width: 313, height: 1 });
    expect(levelSize({ width: 20000, height: 1 }, 128)).toEqual({ width: 157, height: 1 });
  });

  it('keeps 1 px at any scale and the full size at s=1', () => {
    expect(levelSize({ width: 1, height: 1 }, 1024)).toEqual({ width: 1, height: 1 });
    expect(levelSize({ width: 1000, height: 700 }, 1)).toEqual({ width: 1000, height: 700 });
  });
});

describe('levelTiles', () => {
  const image = { width: 1000, height: 700 };

  it('clips the edge tiles of 1000×700 at s=2, tile 256', () => {
    // Level 500×350: 2 columns × 2 rows; a tile spans 512 full-resolution pixels.
    expect(levelTiles(image, 256, 2)).toEqual<TileSpec[]>([
      { scaleFactor: 2, col: 0, row: 0, x: 0, y: 0, w: 512, h: 512, tw: 256, th: 256 },
      { scaleFactor: 2, col: 1, row: 0, x: 512, y: 0, w: 488, h: 512, tw: 244, th: 256 },
      { scaleFactor: 2, col: 0, row: 1, x: 0, y: 512, w: 512, h: 188, tw: 256, th: 94 },
      { scaleFactor: 2, col: 1, row: 1, x: 512, y: 512, w: 488, h: 188, tw: 244, th: 94 },
    ]);
  });

  it('gives 4×3 tiles at s=1 with clipped right column and bottom row', () => {
    const tiles = levelTiles(image, 256, 1);
    expect(tiles).toHaveLength(12);
    expect(tiles.map((t) => `${t.col},${t.row}`)).toEqual([
      '0,0',
      '1,0',
      '2,0',
      '3,0',
      '0,1',
      '1,1',
      '2,1',
      '3,1',
      '0,2',
      '1,2',
      '2,2',
      '3,2',
    ]);
    expect(tiles[11]).toEqual({ scaleFactor: 1, col: 3, row: 2, x: 768, y: 512, w: 232, h: 188, tw: 232, th: 188 });
    expect(tiles[3]).toEqual({ scaleFactor: 1, col: 3, row: 0, x: 768, y: 0, w: 232, h: 256, tw: 232, th: 256 });
  });

  it('gives one tile for the whole image at the top level', () => {
    expect(levelTiles(image, 256, 4)).toEqual([
      { scaleFactor: 4, col: 0, row: 0, x: 0, y: 0, w: 1000, h: 700, tw: 250, th: 175 },
    ]);
  });

  it('gives tw = ceil(w / s) on odd sizes', () => {
    // 1001×701 at s=2: level 501×351; last column x=512 w=489 → 245; last row y=512 h=189 → 95.
    const tiles = levelTiles({ width: 1001, height: 701 }, 256, 2);
    expect(tiles).toHaveLength(4);
    expect(tiles[3]).toEqual({ scaleFactor: 2, col: 1, row: 1, x: 512, y: 512, w: 489, h: 189, tw: 245, th: 95 });
  });

  it('gives one column for 1×20000 and one row for 20000×1', () => {
    const tall = levelTiles({ width: 1, height: 20000 }, 256, 1);
    expect(tall).toHaveLength(79); // ceil(20000 / 256)
    expect(tall[78]).toEqual({ scaleFactor: 1, col: 0, row: 78, x: 0, y: 19968, w: 1, h: 32, tw: 1, th: 32 });
    const wide = levelTiles({ width: 20000, height: 1 }, 512, 8);
    // level 2500×1 → 5 columns, the last 2500 - 2048 = 452 wide, spanning 20000 - 16384 = 3616 px.
    expect(wide).toHaveLength(5);
    expect(wide[4]).toEqual({ scaleFactor: 8, col: 4, row: 0, x: 16384, y: 0, w: 3616, h: 1, tw: 452, th: 1 });
  });

  it('covers every level of 5312×2988 exactly, without overlap', () => {
    for (const tile of [256, 512]) {
      for (const s of scaleFactors({ width: 5312, height: 2988 }, tile)) {
        const tiles = levelTiles({ width: 5312, height: 2988 }, tile, s);
        const area = tiles.reduce((n, t) => n + t.w * t.h, 0);
        expect(area).toBe(5312 * 2988);
        for (const t of tiles) {
          expect(t.tw).toBe(Math.ceil(t.w / s));
          expect(t.th).toBe(Math.ceil(t.h / s));
          expect(t.tw).toBeGreaterThan(0);
          expect(t.th).toBeGreaterThan(0);
          expect(t.tw).toBeLessThanOrEqual(tile);
          expect(t.th).toBeLessThanOrEqual(tile);
          expect(t.x + t.w).toBeLessThanOrEqual(5312);
          expect(t.y + t.h).toBeLessThanOrEqual(2988);
        }
      }
    }
  });

  it('tileRow gives the tiles of one row', () => {
    expect(tileRow(image, 256, 2, 1)).toEqual([
      { scaleFactor: 2, col: 0, row: 1, x: 0, y: 512, w: 512, h: 188, tw: 256, th: 94 },
      { scaleFactor: 2, col: 1, row: 1, x: 512, y: 512, w: 488, h: 188, tw: 244, th: 94 },
    ]);
  });
});

describe('tileCount', () => {
  it.each<[number, number, number, number]>([
    [1, 1, 256, 1],
    [256, 256, 256, 1],
    [257, 256, 256, 2 + 1],
    [1000, 700, 256, 12 + 4 + 1],
    [1000, 700, 512, 4 + 1],
    // 21×12 + 11×6 + 6×3 + 3×2 + 2×1 + 1
    [5312, 2988, 256, 252 + 66 + 18 + 6 + 2 + 1],
    // 11×6 + 6×3 + 3×2 + 2×1 + 1
    [5312, 2988, 512, 66 + 18 + 6 + 2 + 1],
    // 79 + 40 + 20 + 10 + 5 + 3 + 2 + 1
    [20000, 1, 256, 160],
  ])('%i×%i with tile %i has %i tiles', (width, height, tile, expected) => {
    expect(tileCount({ width, height }, tile)).toBe(expected);
  });

  it('agrees with the tiles levelTiles lists', () => {
    const image = { width: 5312, height: 2988 };
    const listed = scaleFactors(image, 256).reduce((n, s) => n + levelTiles(image, 256, s).length, 0);
    expect(listed).toBe(345);
  });
});

describe('paths', () => {
  it('tilePath is the canonical region/size form', () => {
    const tile: TileSpec = { scaleFactor: 2, col: 1, row: 1, x: 512, y: 512, w: 488, h: 188, tw: 244, th: 94 };
    expect(tilePath(tile, 'jpg')).toBe('512,512,488,188/244,94/0/default.jpg');
    expect(tilePath(tile, 'webp')).toBe('512,512,488,188/244,94/0/default.webp');
  });

  it('sizePath and MAX_PATH_JPG', () => {
    expect(sizePath({ width: 250, height: 175 }, 'jpg')).toBe('full/250,175/0/default.jpg');
    expect(sizePath({ width: 2500, height: 1 }, 'webp')).toBe('full/2500,1/0/default.webp');
    expect(MAX_PATH_JPG).toBe('full/max/0/default.jpg');
  });
});

describe('offeredSizes and maxSize', () => {
  it('lists one size per scale factor, ascending, for an image under the cap', () => {
    expect(offeredSizes({ width: 1000, height: 700 }, 256, CAP)).toEqual([
      { width: 250, height: 175 },
      { width: 500, height: 350 },
      { width: 1000, height: 700 },
    ]);
    expect(maxSize({ width: 1000, height: 700 }, 256, CAP)).toEqual({ width: 1000, height: 700 });
    expect(offeredSizes({ width: 1, height: 1 }, 256, CAP)).toEqual([{ width: 1, height: 1 }]);
    expect(offeredSizes({ width: 257, height: 256 }, 256, CAP)).toEqual([
      { width: 129, height: 128 },
      { width: 257, height: 256 },
    ]);
  });

  it('keeps an image exactly at the cap', () => {
    const sizes = offeredSizes({ width: 4096, height: 4096 }, 256, CAP);
    expect(sizes).toEqual([256, 512, 1024, 2048, 4096].map((n) => ({ width: n, height: n })));
    expect(maxSize({ width: 4096, height: 4096 }, 256, CAP)).toEqual({ width: 4096, height: 4096 });
  });

  it('drops levels above the cap: 20000×1', () => {
    expect(offeredSizes({ width: 20000, height: 1 }, 256, CAP)).toEqual([
      { width: 157, height: 1 },
      { width: 313, height: 1 },
      { width: 625, height: 1 },
      { width: 1250, height: 1 },
      { width: 2500, height: 1 },
    ]);
    expect(maxSize({ width: 20000, height: 1 }, 256, CAP)).toEqual({ width: 2500, height: 1 });
    expect(maxSize({ width: 1, height: 20000 }, 256, CAP)).toEqual({ width: 1, height: 2500 });
  });

  it('drops levels above the cap: 5312×2988 and 4097×10', () => {
    expect(offeredSizes({ width: 5312, height: 2988 }, 256, CAP)).toEqual([
      { width: 166, height: 94 },
      { width: 332, height: 187 },
      { width: 664, height: 374 },
      { width: 1328, height: 747 },
      { width: 2656, height: 1494 },
    ]);
    expect(maxSize({ width: 5312, height: 2988 }, 512, CAP)).toEqual({ width: 2656, height: 1494 });
    // The 2049×5 level computes to 2048.5 wide: clients round that half differently, so 2048×5.
    expect(maxSize({ width: 4097, height: 10 }, 256, CAP)).toEqual({ width: 2048, height: 5 });
  });

  it('honours a smaller cap', () => {
    expect(offeredSizes({ width: 1000, height: 700 }, 256, 500)).toEqual([
      { width: 250, height: 175 },
      { width: 500, height: 350 },
    ]);
    expect(maxSize({ width: 1000, height: 700 }, 256, 499)).toEqual({ width: 250, height: 175 });
  });

  it('throws when no level fits under the cap', () => {
    expect(() => maxSize({ width: 1000, height: 700 }, 256, 100)).toThrow(RangeError);
  });
});

/** What a client computes for full/max from the declared limits, rounding halves either way. */
function expectComputed(image: Size, tileSize: number, cap: number) {
  const { size, limits } = fullMax(image, tileSize, cap);
  const shape = `${image.width}×${image.height} (${tileSize}, ${cap})`;
  expect(sizeWithin(image, limits, 'up'), shape).toEqual(size);
  expect(sizeWithin(image, limits, 'down'), shape).toEqual(size);
  return { size, limits };
}

describe('full/max as the Image API computes it', () => {
  it('is a pixel under the level when the level cannot be computed: 25200×33300 under 4096', () => {
    const image = { width: 25200, height: 33300 };
    expect(largestOffered(image, 256, 4096)).toEqual({ width: 1575, height: 2082 });
    expect(expectComputed(image, 256, 4096)).toEqual({
      size: { width: 1575, height: 2081 },
      limits: { width: 1575, height: 2081 },
    });
  });

  it('keeps a 1 px side where the computed side would round to 0', () => {
    expect(expectComputed({ width: 1, height: 40000 }, 256, 2048).size).toEqual({ width: 1, height: 1250 });
    expect(expectComputed({ width: 40000, height: 1 }, 256, 2048).size).toEqual({ width: 1250, height: 1 });
    // The 2×4063 level of a 47 px wide strip is ceil-rounded from 1.47 px: its limits compute to 1×4063.
    expect(expectComputed({ width: 47, height: 129985 }, 256, 4096)).toEqual({
      size: { width: 1, height: 4063 },
      limits: { width: 2, height: 4063 },
    });
  });

  it('is the image itself when it fits under the cap', () => {
    expect(expectComputed({ width: 2000, height: 1000 }, 256, 4096).size).toEqual({ width: 2000, height: 1000 });
  });

  it('is what every client computes, for 20000 made shapes, at most a pixel or two under its level', () => {
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), 1 + (seed % n));
    for (let i = 0; i < 20000; i++) {
      const image =
        i % 4 === 0 ? { width: next(50), height: next(200000) } : { width: next(60000), height: next(60000) };
      for (const [tileSize, cap] of [
        [256, 2048],
        [512, 4096],
        [256, 1000],
      ] as const) {
        const level = largestOffered(image, tileSize, cap);
        const { size } = expectComputed(image, tileSize, cap);
        expect(level.width - size.width).toBeGreaterThanOrEqual(0);
        expect(level.height - size.height).toBeGreaterThanOrEqual(0);
        // Off by more than two pixels only in thin strips, whose short side ceil rounding widened.
        const slack = (side: number) => (Math.min(level.width, level.height) < 16 ? side : 2);
        expect(level.width - size.width).toBeLessThanOrEqual(slack(level.width));
        expect(level.height - size.height).toBeLessThanOrEqual(slack(level.height));
      }
    }
  });
});

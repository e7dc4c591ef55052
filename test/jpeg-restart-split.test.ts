import sharp from 'sharp';
import type Vips from 'wasm-vips';
import { describe, expect, it } from 'vitest';
import { tileRow } from '../src/shared/pyramid';
import { cutTiles, stackStrips } from '../src/worker/engine/jpeg-restart-split';
import { mcuWidthFor, readLayout, restartIntervalFor } from '../src/worker/engine/jpeg-strip-layout';
import { encodeTileRow } from '../src/worker/engine/tile-row-encoder';
import { nodeVips } from './node-vips';

/** Smooth noise with detail in every 8×8 block, so that a misplaced segment cannot decode to the same pixels. */
async function noiseStrip(vips: typeof Vips, width: number, height: number, bands: 1 | 3): Promise<Vips.Image> {
  const raw = await sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 50 } },
  })
    .blur(0.8)
    .raw()
    .toBuffer();
  const rgb = vips.Image.newFromMemory(raw, width, height, 3, vips.BandFormat.uchar);
  const image = bands === 1 ? rgb.extractBand(1).copy({ interpretation: 'b-w' }).copyMemory() : rgb.copyMemory();
  rgb.delete();
  return image;
}

async function pixels(jpeg: Uint8Array) {
  return sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
}

/** Cuts `jpeg` into `tileWidth` px tiles. */
function splitStripJpeg(jpeg: Uint8Array, tileWidth: number): Uint8Array[] {
  return cutTiles(readLayout(jpeg), tileWidth);
}

/** Encodes `image` as a row JPEG cut at tile boundaries and row ends. */
function rowJpeg(image: Vips.Image, tileWidth: number, Q: number): Uint8Array {
  const restart_interval = restartIntervalFor(tileWidth, image.width, mcuWidthFor(image.bands, Q));
  return image.jpegsaveBuffer({ Q, keep: 0, restart_interval });
}

describe('cutTiles', () => {
  it.each([
    ['4:2:0 colour (Q 85), full-height row', 1024, 256, 3, 85, 256],
    ['4:4:4 colour (Q 95), 8 px MCUs', 768, 256, 3, 95, 256],
    ['greyscale, a short last row', 512, 77, 1, 85, 256],
    ['512 px tiles, an odd height', 1536, 301, 3, 85, 512],
    ['one tile', 256, 9, 3, 40, 256],
    ['a narrow last tile: 4000 px, intervals of 32 px', 4000, 64, 3, 85, 256],
    ['a narrow last tile, 4:4:4: 1040 px, intervals of 16 px', 1040, 48, 3, 92, 256],
    ['a narrow last tile, greyscale: 2728 px, intervals of 8 px', 2728, 24, 1, 85, 256],
    ['one narrow tile', 171, 114, 3, 85, 256],
  ] as const)(
    '%s: every tile decodes to exactly the pixels of the tile encoded alone',
    async (_, width, height, bands, Q, T) => {
      const vips = await nodeVips();
      const strip = await noiseStrip(vips, width, height, bands);
      const tiles = splitStripJpeg(rowJpeg(strip, T, Q), T);
      expect(tiles).toHaveLength(Math.ceil(width / T));
      for (const [col, tile] of tiles.entries()) {
        const tw = Math.min(T, width - col * T);
        const region = strip.crop(col * T, 0, tw, height);
        const alone = region.jpegsaveBuffer({ Q, keep: 0 });
        region.delete();
        const [got, want] = await Promise.all([pixels(tile), pixels(alone)]);
        expect(got.info).toMatchObject({ width: tw, height });
        expect((await sharp(tile).metadata()).channels).toBe(bands);
        expect(Buffer.compare(got.data, want.data), `tile ${col}`).toBe(0);
        // An interval costs its 2-byte marker, at most one byte of padding and a fresh DC value for each
        // component (a few bits each); the DRI segment costs 6 bytes.
        const interval = restartIntervalFor(T, width, mcuWidthFor(bands, Q)) * mcuWidthFor(bands, Q);
        const intervals = Math.ceil(height / 8) * Math.ceil(tw / interval);
        expect(tile.length).toBeLessThanOrEqual(alone.length + 6 + 5 * intervals);
      }
      strip.delete();
    },
  );

  it('refuses a JPEG without restart markers, a progressive one, and widths the intervals do not cut', async () => {
    const vips = await nodeVips();
    const strip = await noiseStrip(vips, 512, 32, 3);
    expect(() => splitStripJpeg(strip.jpegsaveBuffer({ Q: 85 }), 256)).toThrow(/restart interval/);
    expect(() => splitStripJpeg(strip.jpegsaveBuffer({ Q: 85, interlace: true, restart_interval: 16 }), 256)).toThrow(
      /baseline/,
    );
    expect(() => splitStripJpeg(strip.jpegsaveBuffer({ Q: 85, restart_interval: 16 }), 384)).toThrow(/do not cut/);
    expect(() => splitStripJpeg(strip.jpegsaveBuffer({ Q: 85, restart_interval: 16 }).subarray(0, 400), 256)).toThrow(
      /end marker|truncated/,
    );
    expect(() => restartIntervalFor(200, 400, 16)).toThrow(RangeError);
    strip.delete();
  });
});

describe('encodeTileRow', () => {
  it('cuts a row wider than one encoder run, plus a narrow last tile, into tiles identical to lone encodes', async () => {
    const vips = await nodeVips();
    // 9000 px: full tiles in runs of 8192 px and 512 px, then a 40 px last tile encoded alone.
    const strip = await noiseStrip(vips, 9000, 40, 3);
    const tiles = tileRow({ width: 9000, height: 40 }, 256, 1, 0);
    const encoded = encodeTileRow(strip, tiles, 256, 'jpg', 85).tiles;
    expect(encoded.map(([tile]) => tile)).toEqual(tiles);
    for (const [tile, bytes] of encoded) {
      const region = strip.crop(tile.col * 256, 0, tile.tw, tile.th);
      const alone = region.jpegsaveBuffer({ Q: 85, keep: 0 });
      region.delete();
      const [got, want] = await Promise.all([pixels(bytes), pixels(alone)]);
      expect([got.info.width, got.info.height]).toEqual([tile.tw, tile.th]);
      expect(Buffer.compare(got.data, want.data), `tile ${tile.col}`).toBe(0);
    }
    strip.delete();
  });
});

describe('stackStrips', () => {
  it.each([
    ['4:2:0, 4000 px (intervals of 32 px), short last row', 4000, 1000, 3, 85],
    ['4:4:4, 4000 px', 4000, 600, 3, 95],
    ['greyscale, 992 px', 992, 530, 1, 85],
    ['one tile column, 171 × 114', 171, 114, 3, 85],
  ] as const)(
    '%s: the stacked rows decode exactly as the whole level encoded at once',
    async (_, width, height, bands, Q) => {
      const vips = await nodeVips();
      const image = await noiseStrip(vips, width, height, bands);
      const rows = [];
      for (let y = 0; y < height; y += 256) {
        const strip = image.crop(0, y, width, Math.min(256, height - y));
        const row = encodeTileRow(strip, tileRow({ width, height }, 256, 1, y / 256), 256, 'jpg', Q, true).row;
        strip.delete();
        expect(row).toBeDefined();
        if (row) rows.push(row);
      }
      const stacked = stackStrips(rows);
      const alone = image.jpegsaveBuffer({ Q, keep: 0 });
      const [got, want] = await Promise.all([pixels(stacked), pixels(alone)]);
      expect(got.info).toMatchObject({ width, height });
      expect((await sharp(stacked).metadata()).channels).toBe(bands);
      expect(Buffer.compare(got.data, want.data)).toBe(0);
      // Restart markers every MCU (the worst case) cost under 5% on this detailed image.
      expect(stacked.length).toBeLessThan(alone.length * 1.05);
      image.delete();
    },
  );

  it('encodes a row whose tile intervals would be under 32 px a second time, with one interval per MCU row', async () => {
    const vips = await nodeVips();
    // 2736 px in 16 px MCUs is 171 of them: intervals cutting it into 256 px tiles would be 1 MCU.
    const width = 2736;
    const image = await noiseStrip(vips, width, 300, 3);
    const rows = [];
    for (const y of [0, 256]) {
      const strip = image.crop(0, y, width, Math.min(256, 300 - y));
      const encoded = encodeTileRow(strip, tileRow({ width, height: 300 }, 256, 1, y / 256), 256, 'jpg', 85, true);
      expect(encoded.row?.restartInterval).toBe(171);
      // The tiles are the ones encoded without the row: 256 px intervals, a narrow last tile alone.
      const plain = encodeTileRow(strip, tileRow({ width, height: 300 }, 256, 1, y / 256), 256, 'jpg', 85);
      expect(encoded.tiles.map(([, b]) => Buffer.from(b).toString('base64'))).toEqual(
        plain.tiles.map(([, b]) => Buffer.from(b).toString('base64')),
      );
      expect(readLayout(encoded.tiles[0]![1]).restartInterval).toBe(16);
      strip.delete();
      if (encoded.row) rows.push(encoded.row);
    }
    const [got, want] = await Promise.all([
      pixels(stackStrips(rows)),
      pixels(image.jpegsaveBuffer({ Q: 85, keep: 0 })),
    ]);
    expect(Buffer.compare(got.data, want.data)).toBe(0);
    image.delete();
  });

  it('refuses rows of different widths or encoder settings', async () => {
    const vips = await nodeVips();
    const image = await noiseStrip(vips, 512, 512, 3);
    const top = image.crop(0, 0, 512, 256);
    const bottom = image.crop(0, 256, 512, 256);
    const narrow = image.crop(0, 256, 500, 256);
    const row = (strip: Vips.Image, Q: number) => readLayout(rowJpeg(strip, 256, Q));
    expect(() => stackStrips([row(top, 85), row(narrow, 85)])).toThrow(/row 1 does not continue/);
    expect(() => stackStrips([row(top, 85), row(bottom, 70)])).toThrow(/row 1 does not continue/);
    expect(() => stackStrips([row(image.crop(0, 0, 512, 100), 85), row(bottom, 85)])).toThrow(/row 0/);
    expect(() => stackStrips([])).toThrow(/no rows/);
    for (const i of [top, bottom, narrow, image]) i.delete();
  });
});

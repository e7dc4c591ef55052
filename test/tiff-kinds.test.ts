import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { meanDifference } from './pixels';
import { tileBytes } from './tile-bytes';
import { writeTiff, type TiffPage } from './tiff-writer';
import { fullResolutionPages, tiffPageRoles } from '../src/shared/tiff-pages';

const W = 600;
const H = 400;
const settings = { ...DEFAULT_SETTINGS, quality: 95 };

/** Band b of pixel (x, y), 0–1: gradients and blocks that differ per band, so a wrong band or turn shows. */
const value = (x: number, y: number, b: number) =>
  [x / W, y / H, ((x >> 5) + (y >> 5)) & 1 ? 0.8 : 0.2, 0.5, 0.3, 0.9, 0.1, 0.6][b]!;

function samples(width: number, height: number, n: number, bits: 8 | 16 | 32, float = false): Buffer {
  const bps = bits / 8;
  const data = Buffer.alloc(width * height * n * bps);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let b = 0; b < n; b++) {
        const v = value((x * W) / width, (y * H) / height, b);
        const at = ((y * width + x) * n + b) * bps;
        if (float) data.writeFloatLE(v * 1000 - 200, at);
        else if (bits === 8) data[at] = Math.round(v * 255);
        else data.writeUInt16LE(Math.round(v * 65535), at);
      }
  return data;
}

/** What the first `n` bands should look like, 8-bit. */
function expected(n: 1 | 3): Promise<Buffer> {
  const data = Buffer.alloc(W * H * n);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      for (let b = 0; b < n; b++) data[(y * W + x) * n + b] = Math.round(value(x, y, b) * 255);
  return sharp(data, { raw: { width: W, height: H, channels: n } })
    .png()
    .toBuffer();
}

/** A page and its reduced-resolution overviews, halving each time (a GeoTIFF as gdaladdo leaves it). */
function withOverviews(page: Omit<TiffPage, 'width' | 'height' | 'data'>, overviews: number): TiffPage[] {
  return Array.from({ length: overviews + 1 }, (_, level) => {
    const [width, height] = [Math.ceil(W / 2 ** level), Math.ceil(H / 2 ** level)];
    const data = samples(width, height, page.samples, page.bits as 8 | 16);
    return { ...page, width, height, data, ...(level ? { subfileType: 1 as const } : {}) };
  });
}

async function tiled(file: Buffer) {
  const { outcome, sink } = await tileBytes(new Uint8Array(file), settings);
  return { outcome, full: sink.files.get(`full/${W},${H}/0/default.jpg`)! };
}

describe('TIFFs as archives hold them', () => {
  const geotiff: Omit<TiffPage, 'width' | 'height' | 'data'> = {
    samples: 6,
    bits: 8,
    photometric: 1,
    tile: 128,
    deflate: true,
    extraSamples: [0, 0, 0, 0, 0],
  };

  it.each([
    ['IFDs after their data', false],
    ['all data first, smallest overview first (cloud-optimised)', true],
  ])(
    'a 6-band, 128² tiled, Deflate GeoTIFF with four overviews (%s): bands 1–3 as RGB, overviews not pages',
    async (_, dataFirst) => {
      const { outcome, full } = await tiled(writeTiff(withOverviews(geotiff, 4), { dataFirst }));
      expect([outcome.width, outcome.height]).toEqual([W, H]);
      expect(outcome.notes).toContain('4 reduced-resolution overviews skipped');
      expect(outcome.notes.join()).not.toMatch(/pages/);
      expect(outcome.metadata).toEqual([{ label: 'Bands used', value: 'bands 1–3 of 6, as red, green and blue' }]);
      expect(await meanDifference(full, await expected(3))).toBeLessThanOrEqual(2);
    },
  );

  it('a multi-page TIFF: each full-resolution page tiles on its own, overviews between them are not pages', async () => {
    const solid = (grey: number) => Buffer.alloc(W * H, grey);
    const page = (grey: number, subfileType: 0 | 1 = 0, scale = 1): TiffPage => ({
      width: W / scale,
      height: H / scale,
      samples: 1,
      bits: 8,
      photometric: 1,
      subfileType,
      data: Buffer.alloc((W / scale) * (H / scale), grey),
    });
    const file = writeTiff([page(40), page(40, 1, 2), page(130), page(220)]);
    const roles = tiffPageRoles((at, n) => file.subarray(at, at + n), file.length);
    expect(roles?.pageIfds).toEqual([0, 2, 3]);
    expect(await fullResolutionPages(new Blob([new Uint8Array(file)]))).toBe(3);
    for (const [index, grey] of [40, 130, 220].entries()) {
      const { outcome, sink } = await tileBytes(new Uint8Array(file), settings, undefined, undefined, undefined, index);
      expect(outcome.notes).toContain(`page ${index + 1} of 3`);
      const full = sink.files.get(`full/${W},${H}/0/default.jpg`)!;
      const pngOf = await sharp(solid(grey), { raw: { width: W, height: H, channels: 1 } })
        .png()
        .toBuffer();
      expect(await meanDifference(full, pngOf), `page ${index + 1}`).toBeLessThanOrEqual(1);
    }
    await expect(tileBytes(new Uint8Array(file), settings, undefined, undefined, undefined, 3)).rejects.toThrow(
      'This file has no page 4',
    );
  });

  it('two bands without alpha show band 1 as grey', async () => {
    const file = writeTiff([
      { width: W, height: H, samples: 2, bits: 16, photometric: 1, extraSamples: [0], data: samples(W, H, 2, 16) },
    ]);
    const { outcome, full } = await tiled(file);
    expect(outcome.metadata).toEqual([{ label: 'Bands used', value: 'band 1 of 2, as grey' }]);
    expect(await meanDifference(full, await expected(1))).toBeLessThanOrEqual(2);
  });

  it('planar-separate strips are read with random access instead of failing "out of order read"', async () => {
    const file = writeTiff([
      { width: W, height: H, samples: 3, bits: 8, photometric: 2, planar: 2, data: samples(W, H, 3, 8) },
    ]);
    const { outcome, full } = await tiled(file);
    expect(outcome.notes).toContain('read with random access: its layout cannot be read top to bottom');
    expect(await meanDifference(full, await expected(3))).toBeLessThanOrEqual(2);
  });

  it('16-bit RGB, tiled and Deflate, scaled to 8 bits', async () => {
    const file = writeTiff([
      {
        width: W,
        height: H,
        samples: 3,
        bits: 16,
        photometric: 2,
        tile: 256,
        deflate: true,
        data: samples(W, H, 3, 16),
      },
    ]);
    expect(await meanDifference((await tiled(file)).full, await expected(3))).toBeLessThanOrEqual(2);
  });

  it('float samples scaled from their own range', async () => {
    const file = writeTiff([
      { width: W, height: H, samples: 1, bits: 32, sampleFormat: 3, photometric: 1, data: samples(W, H, 1, 32, true) },
    ]);
    const { outcome, full } = await tiled(file);
    expect(outcome.notes).toContain('float samples scaled to 8 bits from their own minimum and maximum');
    // Band 1 runs 0 → 1 across the width: scaled from its own range it is the same gradient.
    expect(await meanDifference(full, await expected(1))).toBeLessThanOrEqual(2);
  });

  it('a palette maps indexes to its colours', async () => {
    const colormap = new Array<number>(3 * 256).fill(0);
    const colours = [
      [65535, 0, 0],
      [0, 32896, 0],
      [0, 0, 65535],
      [64250, 64250, 5140],
    ];
    colours.forEach(([r, g, b], i) => ((colormap[i] = r!), (colormap[256 + i] = g!), (colormap[512 + i] = b!)));
    const indexes = Buffer.alloc(W * H);
    for (let i = 0; i < indexes.length; i++) indexes[i] = ((i % W) >> 4) % 4;
    const { full } = await tiled(
      writeTiff([{ width: W, height: H, samples: 1, bits: 8, photometric: 3, colormap, data: indexes }]),
    );
    const rgb = Buffer.alloc(W * H * 3);
    for (let i = 0; i < indexes.length; i++)
      colours[indexes[i]!]!.forEach((v, c) => (rgb[i * 3 + c] = Math.round(v / 257)));
    expect(
      await meanDifference(
        full,
        await sharp(rgb, { raw: { width: W, height: H, channels: 3 } })
          .png()
          .toBuffer(),
      ),
    ).toBeLessThanOrEqual(3);
  });

  it('CMYK goes through the ICC route to sRGB', async () => {
    const cmyk = samples(W, H, 4, 8);
    const file = writeTiff([{ width: W, height: H, samples: 4, bits: 8, photometric: 5, data: cmyk }]);
    const { full } = await tiled(file);
    // Debian's native libvips converts the same CMYK with the same built-in profile and intent.
    const dir = mkdtempSync(join(tmpdir(), 'vitrine-cmyk-'));
    writeFileSync(join(dir, 'cmyk.tif'), file);
    execFileSync('vips', [
      'icc_transform',
      join(dir, 'cmyk.tif'),
      join(dir, 'srgb.png'),
      'srgb',
      '--input-profile',
      'cmyk',
    ]);
    const reference = join(dir, 'srgb.png');
    expect(await meanDifference(full, reference)).toBeLessThanOrEqual(3);
    expect(await meanDifference(full, await expected(3))).toBeGreaterThan(20);
  });
});

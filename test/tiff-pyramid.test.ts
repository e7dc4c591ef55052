// Pyramidal TIFFs made from stored IIIF tiles: read back by libvips and by libtiff's own tools, page by
// page, at the sizes IIPImage expects and with the pixels of the source at each level.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaleFactors } from '../src/shared/pyramid';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { pyramidalTiff, tiffLevelSize } from '../src/shared/tiff-pyramid';
import { padTiles } from '../src/worker/engine/pad-tile';
import { nodeVips } from './node-vips';
import { tileBytes } from './tile-bytes';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-tiff-'));

/** Tiles a made image as the app does, then writes its TIFF from the stored tiles. */
async function tiffOf(width: number, height: number, bands: 1 | 3, quality: number, big = false) {
  const vips = await nodeVips();
  const ramp = vips.Image.xyz(width, height)
    .extractBand(0)
    .linear(255 / width, 0)
    .cast('uchar');
  const source = bands === 3 ? ramp.bandjoin([ramp.flip('horizontal'), ramp.linear(0, 90).cast('uchar')]) : ramp;
  const jpeg = source.jpegsaveBuffer({ Q: 95 });
  const settings = { ...DEFAULT_SETTINGS, quality };
  const { sink } = await tileBytes(jpeg, settings);
  const files = async function* () {
    for (const [path, data] of sink.files) yield { path, data };
  };
  const pad = async (jpegs: Uint8Array[]) => padTiles(vips, jpegs, 256, quality);
  const parts: Uint8Array[] = [];
  for await (const part of pyramidalTiff({ width, height }, 256, { files, pad }, big)) parts.push(part);
  const path = join(dir, `${width}x${height}-${bands}-${quality}${big ? '-big' : ''}.tif`);
  writeFileSync(path, Buffer.concat(parts));
  return { vips, source, path, bytes: Buffer.concat(parts) };
}

describe('pyramidal TIFF from stored tiles', () => {
  it.each([
    [1001, 701, 3, 85],
    [600, 513, 1, 85],
    [777, 300, 3, 92],
  ] as const)(
    '%i×%i, %i band(s), Q%i: one page per level, floor-halved, pixels as the source',
    async (w, h, bands, q) => {
      const { vips, source, path, bytes } = await tiffOf(w, h, bands, q);
      expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x49, 0x49, 42, 0]));
      const factors = scaleFactors({ width: w, height: h }, 256);
      const info = execFileSync('tiffinfo', [path], { encoding: 'utf8' });
      expect(info.match(/TIFF Directory/g)).toHaveLength(factors.length);
      expect(info).toContain('Compression Scheme: JPEG');
      expect(info).toContain(bands === 3 ? 'Photometric Interpretation: YCbCr' : 'min-is-black');
      if (bands === 3) expect(info).toContain(`YCbCr Subsampling: ${q < 90 ? '2, 2' : '1, 1'}`);
      expect(info.match(/Tile Width: 256 Tile Length: 256/g)).toHaveLength(factors.length);
      // libtiff decodes every tile of every page (-D) without a warning or an error.
      const decoded = execFileSync('tiffinfo', ['-D', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(decoded).not.toMatch(/error|warning/i);
      for (const [page, factor] of factors.entries()) {
        const level = tiffLevelSize({ width: w, height: h }, factor);
        const read = vips.Image.tiffloadBuffer(bytes, { page });
        expect([read.width, read.height, read.bands]).toEqual([level.width, level.height, bands]);
        const expected = source.resize(1 / factor, { kernel: 'linear' }).crop(0, 0, level.width, level.height);
        const difference = read.subtract(expected).abs().avg();
        expect(difference, `page ${page}`).toBeLessThan(4);
      }
    },
  );

  it('writes BigTIFF that libtiff and libvips read alike', async () => {
    const { vips, path, bytes } = await tiffOf(700, 500, 3, 85, true);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x49, 0x49, 43, 0, 8, 0, 0, 0]));
    expect(execFileSync('tiffinfo', [path], { encoding: 'utf8' }).match(/TIFF Directory/g)).toHaveLength(3);
    const page2 = vips.Image.tiffloadBuffer(bytes, { page: 2 });
    expect([page2.width, page2.height]).toEqual([175, 125]);
  });

  it('refuses to write a TIFF with a tile missing', async () => {
    const vips = await nodeVips();
    const source = vips.Image.black(600, 300, { bands: 3 }).cast('uchar');
    const { sink } = await tileBytes(source.jpegsaveBuffer({ Q: 85 }));
    sink.files.delete('256,0,256,256/256,256/0/default.jpg');
    const files = async function* () {
      for (const [path, data] of sink.files) yield { path, data };
    };
    const tiff = pyramidalTiff({ width: 600, height: 300 }, 256, { files, pad: async (j) => j });
    await expect(tiff.next()).rejects.toThrow('The stored tiles are incomplete (8 of 9): tile the image again');
  });
});

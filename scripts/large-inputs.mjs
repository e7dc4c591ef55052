// The very large inputs of scripts/measure-large.mjs, each made once under bench-results/inputs/ (minutes
// each, several GB; native `vips` makes the TIFFs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { withOrientation } from './exif-orientation.mjs';

const INPUTS = resolve(import.meta.dirname, '../bench-results/inputs');

const noiseJpeg = (width, height) => async (path) => {
  const noise = { type: 'gaussian', mean: 128, sigma: 30 };
  await sharp({ create: { width, height, channels: 3, background: '#777', noise }, limitInputPixels: false })
    .blur(1.5)
    .jpeg({ quality: 85 })
    .toFile(path);
};
/** Noise that barely compresses, so the file passes 2 GiB (JPEG) or 4 GiB (PNG without deflate). */
const bulkyNoise = (width, height, encode) => async (path) => {
  const noise = { type: 'gaussian', mean: 128, sigma: 60 };
  await encode(sharp({ create: { width, height, channels: 3, noise }, limitInputPixels: false })).toFile(path);
};
/** Uncompressed tiles cut from the 900-megapixel JPEG by native libvips, streaming. */
const tiffFrom = (width, height, options) => async (path) => {
  const source = await input('jpeg-900mp');
  execFileSync('vips', [
    'crop',
    source,
    `${path}[tile,tile-width=256,tile-height=256,${options}]`,
    0,
    0,
    width,
    height,
  ]);
};

export const CASES = {
  'jpeg-900mp': { file: 'photo-900mp-wide.jpg', make: noiseJpeg(36000, 25000) },
  'jpeg-900mp-o6': {
    file: 'photo-900mp-wide-o6.jpg',
    make: async (path) => writeFileSync(path, withOrientation(await readInput('jpeg-900mp'), 6)),
  },
  'tiff-1gb-tiled': { file: 'scan-1gb-tiled.tif', make: tiffFrom(20000, 16700, 'compression=none') },
  'bigtiff-1gb-tiled': { file: 'scan-1gb-tiled-bigtiff.tif', make: tiffFrom(20000, 16700, 'compression=none,bigtiff') },
  // Sequential formats past 2 GiB and 4 GiB: read front to back, they need no seek into the far bytes.
  'jpeg-2.2gb': {
    file: 'noise-2.2gb-q100.jpg',
    make: bulkyNoise(32000, 25000, (s) => s.jpeg({ quality: 100, chromaSubsampling: '4:4:4' })),
  },
  'png-4.4gb': {
    file: 'noise-4.4gb-stored.png',
    make: bulkyNoise(48000, 30600, (s) => s.png({ compressionLevel: 0, adaptiveFiltering: false })),
  },
  // Just past 2 GiB and past 4 GiB: tiles stored beyond the offsets wasm-vips can seek to in a File.
  'bigtiff-2.2gb-tiled': {
    file: 'scan-2.2gb-tiled-bigtiff.tif',
    make: tiffFrom(36000, 20500, 'compression=none,bigtiff'),
  },
  'bigtiff-4.6gb-tiled': {
    file: 'scan-4.6gb-tiled-bigtiff.tif',
    // The 1 GB TIFF mirrored out to 48000 × 32000: random access, so no temporary decode.
    make: async (path) =>
      execFileSync('vips', [
        'embed',
        await input('tiff-1gb-tiled'),
        `${path}[tile,tile-width=256,tile-height=256,compression=none,bigtiff]`,
        0,
        0,
        48000,
        32000,
        '--extend',
        'mirror',
      ]),
  },
};

/** A case by name, made when missing; any other argument is taken as a file path. */
export async function input(name) {
  if (!CASES[name]) return resolve(name);
  const path = join(INPUTS, CASES[name].file);
  if (!existsSync(path)) {
    mkdirSync(INPUTS, { recursive: true });
    console.log(`making ${CASES[name].file}…`);
    await CASES[name].make(path);
  }
  return path;
}
const readInput = async (name) => readFileSync(await input(name));

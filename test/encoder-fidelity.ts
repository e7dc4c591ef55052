import sharp from 'sharp';
import { asymmetric } from './fixtures';
import { meanDifference } from './pixels';

/**
 * The browser-encoder route's fidelity check, shared by the Chromium and the Firefox suites: each image
 * is tiled once with libvips encoding and once with the browser's, and their level-0 tiles compared.
 * Every image is wider than the 4096 px full/max cap, so its level 0 is a level the browser encodes.
 */
export interface FidelityFixture {
  name: string;
  buffer: Buffer;
  upright: { width: number; height: number };
  /** The route the browser setting gives: grey rows stay with libvips (a browser would write colour JPEGs). */
  route: 'browser' | 'libvips';
  /** The upright picture's top-left 256 px, sRGB, where the source is simple enough to compare directly. */
  topLeft?: Buffer;
}

const W = 4400;
const H = 640;

const photo = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  }).blur(1.2);

export async function fidelityFixtures(): Promise<FidelityFixture[]> {
  const upright = await (await asymmetric(H, W)).png().toBuffer();
  const topLeft = await sharp(upright).extract({ left: 0, top: 0, width: 256, height: 256 }).png().toBuffer();
  const pixels = await (await photo(W, H)).png().toBuffer();
  const size = { width: W, height: H };
  return [
    {
      name: 'photo.jpg',
      buffer: await sharp(pixels).jpeg({ quality: 92 }).toBuffer(),
      upright: size,
      route: 'browser',
    },
    { name: 'scan.png', buffer: pixels, upright: size, route: 'browser' },
    {
      // Stored turned a quarter to the left, EXIF 6 turns it back: the upright tiles must show `upright`.
      name: 'rotated-6.jpg',
      buffer: await sharp(upright).rotate(270).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer(),
      upright: { width: H, height: W },
      route: 'browser',
      topLeft,
    },
    {
      name: 'display-p3.jpg',
      buffer: await sharp(pixels).withIccProfile('p3').jpeg({ quality: 92 }).toBuffer(),
      upright: size,
      route: 'browser',
    },
    {
      name: 'cmyk.jpg',
      buffer: await sharp(pixels).toColourspace('cmyk').jpeg({ quality: 92 }).toBuffer(),
      upright: size,
      route: 'browser',
    },
    {
      name: 'grey.jpg',
      buffer: await sharp(pixels).toColourspace('b-w').jpeg().toBuffer(),
      upright: size,
      route: 'libvips',
    },
  ];
}

/** A level-0 tile's path (Image API 3: the region's size is the tile's own size). */
export function isLevel0Tile(path: string): boolean {
  const m = /^\d+,\d+,(\d+),(\d+)\/(\d+),(\d+)\/0\/default\.jpg$/.exec(path);
  return !!m && m[1] === m[3] && m[2] === m[4];
}

export interface Fidelity {
  tiles: number;
  /** PSNR of each channel over every tile, in dB (Infinity when identical). */
  psnr: [number, number, number];
  /** Mean of each channel of the second set minus the first's. */
  meanShift: [number, number, number];
}

/** Compares two encodings of the same tiles, pixel by pixel, over all of them. */
export async function tileFidelity(first: Buffer[], second: Buffer[]): Promise<Fidelity> {
  if (first.length !== second.length || first.length === 0) throw new Error('tile sets differ in count');
  const squared = [0, 0, 0];
  const sums = [0, 0, 0, 0, 0, 0];
  let samples = 0;
  for (let t = 0; t < first.length; t++) {
    const [a, b] = await Promise.all([first[t]!, second[t]!].map((x) => sharp(x).removeAlpha().raw().toBuffer()));
    if (a!.length !== b!.length || a!.length % 3) throw new Error(`tile ${t} differs in size or bands`);
    for (let i = 0; i < a!.length; i++) {
      const c = i % 3;
      squared[c]! += (a![i]! - b![i]!) ** 2;
      sums[c]! += a![i]!;
      sums[c + 3]! += b![i]!;
    }
    samples += a!.length / 3;
  }
  const psnr = squared.map((s) => 10 * Math.log10(255 ** 2 / (s / samples))) as Fidelity['psnr'];
  const meanShift = [0, 1, 2].map((c) => (sums[c + 3]! - sums[c]!) / samples) as Fidelity['meanShift'];
  return { tiles: first.length, psnr, meanShift };
}

/** Reads what one tiled image stored, in whichever browser holds it. */
export interface StoredReader {
  paths(id: string): Promise<string[]>;
  bytes(id: string, path: string): Promise<Buffer>;
}

/** Limits: the browser's tiles against libvips' of the same pixels (JPEG noise only), and against the source. */
export const MIN_PSNR_DB = 40;
export const MAX_MEAN_SHIFT = 0.5;
const MAX_TOP_LEFT_DIFFERENCE = 3;

/**
 * What is wrong with the browser-encoded copy of `fixture` (image `browser`) against its libvips-encoded
 * copy (image `libvips`): a list of problems, empty when faithful. Grey images must come out byte-identical.
 */
export async function fidelityProblems(
  fixture: FidelityFixture,
  ids: { libvips: string; browser: string },
  stored: StoredReader,
): Promise<{ problems: string[]; fidelity?: Fidelity }> {
  const paths = (await stored.paths(ids.libvips)).filter(isLevel0Tile).sort();
  const other = (await stored.paths(ids.browser)).filter(isLevel0Tile).sort();
  if (paths.join() !== other.join()) return { problems: [`${fixture.name}: the two routes stored different tiles`] };
  const read = (id: string) => Promise.all(paths.map((p) => stored.bytes(id, p)));
  const [first, second] = await Promise.all([read(ids.libvips), read(ids.browser)]);
  const problems: string[] = [];
  if (fixture.route === 'libvips') {
    const same = first.every((b, i) => b.equals(second[i]!));
    if (!same) problems.push(`${fixture.name}: libvips encoded both, yet the bytes differ`);
    return { problems };
  }
  const fidelity = await tileFidelity(first, second);
  fidelity.psnr.forEach((db, c) => {
    if (db < MIN_PSNR_DB) problems.push(`${fixture.name}: channel ${c} PSNR ${db.toFixed(2)} dB < ${MIN_PSNR_DB}`);
  });
  fidelity.meanShift.forEach((shift, c) => {
    if (Math.abs(shift) > MAX_MEAN_SHIFT) problems.push(`${fixture.name}: channel ${c} mean moved ${shift.toFixed(3)}`);
  });
  if (fixture.topLeft) {
    const tile = second[paths.indexOf('0,0,256,256/256,256/0/default.jpg')];
    const difference = tile ? await meanDifference(tile, fixture.topLeft) : Infinity;
    if (difference > MAX_TOP_LEFT_DIFFERENCE) problems.push(`${fixture.name}: top-left tile differs by ${difference}`);
  }
  return { problems, fidelity };
}

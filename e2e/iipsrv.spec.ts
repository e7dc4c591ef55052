// Pyramidal TIFFs exported by the app, served by a real IIPImage (iipsrv behind lighttpd, started by
// `npm test`): its info.json and its tiles at three levels match the level-0 bundle's own tiles.
import { expect, test } from '@playwright/test';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { levelTiles, tilePath } from '../src/shared/pyramid';
import { tiffLevelSize } from '../src/shared/tiff-pyramid';
import { asymmetric } from '../test/fixtures';
import { CORPUS_DIR, hasCorpus } from '../test/corpus';
import { addFiles, openApp, waitSettled, type FileInput } from './app';
import { unzipSync } from 'fflate';

const IIP_URL = process.env.VITRINE_IIP_URL;
const IIP_ROOT = process.env.VITRINE_IIP_ROOT;
const BASE = 'https://example.org/iiif';

test.skip(!IIP_URL || !IIP_ROOT, 'needs iipsrv: npm test starts it (VITRINE_IIP_URL, VITRINE_IIP_ROOT)');

/** Three hard cases for colour and geometry: EXIF-rotated, a wide-gamut ICC profile, 16 bits per sample. */
async function cases(): Promise<FileInput[]> {
  const rotated = await (
    await asymmetric(1400, 1000)
  )
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
  const p3 = await (await asymmetric(1300, 1100)).withIccProfile('p3').jpeg({ quality: 92 }).toBuffer();
  const deep = await (await asymmetric(1500, 1050)).toColourspace('rgb16').png().toBuffer();
  const made: FileInput[] = [
    { name: 'rotated-6.jpg', mimeType: 'image/jpeg', buffer: rotated },
    { name: 'display-p3.jpg', mimeType: 'image/jpeg', buffer: p3 },
    { name: 'deep-16bit.png', mimeType: 'image/png', buffer: deep },
  ];
  if (!hasCorpus) return made;
  // The corpus's own: a camera photo with orientation 6, an Adobe RGB photo, a 16-bit RGB PNG.
  const corpus = ['jpeg/pixbuf-bug725582-testrotate.jpg', 'jpeg/skimage-rocket.jpg', 'png/skimage-chessboard_RGB.png'];
  const read = async (p: string) => ({
    name: basename(p),
    mimeType: 'application/octet-stream',
    buffer: await readFile(join(CORPUS_DIR, p)),
  });
  return [...made, ...(await Promise.all(corpus.map(read)))];
}

/** Mean absolute difference of two JPEGs of one size, over every sample. */
async function meanDifference(a: Uint8Array, b: Uint8Array): Promise<number> {
  const [x, y] = await Promise.all(
    [a, b].map((j) => sharp(j).removeAlpha().raw().toBuffer({ resolveWithObject: true })),
  );
  expect([y!.info.width, y!.info.height]).toEqual([x!.info.width, x!.info.height]);
  let sum = 0;
  for (let i = 0; i < x!.data.length; i++) sum += Math.abs(x!.data[i]! - y!.data[i]!);
  return sum / x!.data.length;
}

test('TIFFs of a rotated, an ICC and a 16-bit image, served by iipsrv, show the pixels of the bundle', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openApp(page);
  const files = await cases();
  await addFiles(page, files);
  const outcomes = await waitSettled(page, files.length);
  expect(outcomes.map((o) => o.state)).toEqual(files.map(() => 'done'));

  await page.getByTestId('export-content').selectOption('both');
  await page.getByTestId('base-url').fill(BASE);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-zip').click()]);
  const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));

  let tilesCompared = 0;
  let worst = 0;
  for (const { id } of outcomes) {
    const tiff = zip[`tiff/${id}.tif`];
    expect(tiff, `tiff/${id}.tif in the ZIP`).toBeDefined();
    await writeFile(join(IIP_ROOT!, `${id}.tif`), tiff!);
    const server = `${IIP_URL}/fcgi-bin/iipsrv.fcgi?IIIF=/${id}.tif`;
    const info = JSON.parse(new TextDecoder().decode(zip[`${id}/info.json`]));
    const served = await (await fetch(`${server}/info.json`)).json();
    expect([served.width, served.height], `${id}: iipsrv's size`).toEqual([info.width, info.height]);
    const factors: number[] = info.tiles[0].scaleFactors;
    expect(served.tiles[0].scaleFactors.slice(0, 3)).toEqual(factors.slice(0, 3));
    // At up to three levels: the first tile and the last (an edge tile, padded in the TIFF).
    for (const factor of factors.slice(0, 3)) {
      const T: number = info.tiles[0].width;
      const tiles = levelTiles(info, T, factor);
      for (const tile of [tiles[0]!, tiles[tiles.length - 1]!]) {
        const path = tilePath(tile, 'jpg');
        // iipsrv's levels are rounded down (the TIFF's pages): at an odd edge its tile is a row or column
        // short of the bundle's, so both are compared over the pixels they share, at iipsrv's own size.
        const level = tiffLevelSize(info, factor);
        const [w, h] = [level.width - tile.col * T, level.height - tile.row * T].map((n) => Math.min(T, n));
        const request = `${tile.x},${tile.y},${w! * factor},${h! * factor}/${w},${h}/0/default.jpg`;
        const response = await fetch(`${server}/${request}`);
        expect(response.status, `${id}: ${request}`).toBe(200);
        const ours = await sharp(zip[`${id}/${path}`]!)
          .extract({ left: 0, top: 0, width: w!, height: h! })
          .png()
          .toBuffer();
        const difference = await meanDifference(ours, new Uint8Array(await response.arrayBuffer()));
        expect(difference, `${id}: ${path}`).toBeLessThanOrEqual(3);
        tilesCompared++;
        worst = Math.max(worst, difference);
      }
    }
    await rm(join(IIP_ROOT!, `${id}.tif`));
  }
  console.log(`tiles compared with iipsrv: ${tilesCompared}, largest mean difference ${worst.toFixed(2)}`);
});

import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { imageBundleProblems } from '../test/bundle-checks';
import { asymmetric } from '../test/fixtures';
import { meanDifference } from '../test/pixels';
import { addFiles, exportBundle, openApp, waitSettled } from './app';

const BASE = 'https://example.org/iiif';

/** Names of the files in the app's OPFS scratch folder. */
const scratchNames = (page: Page) =>
  page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle('vitrine-scratch', { create: true });
    const names: string[] = [];
    for await (const name of folder.keys()) names.push(name);
    return names;
  });

test('a rotated image over the whole-decode limit is turned through an OPFS scratch file', async ({ page }) => {
  // 700 × 450 is 0.315 megapixels: a limit of 0.1 forces the scratch-file route the app takes past 80.
  await page.addInitScript(() =>
    localStorage.setItem('vitrine.inputPolicy', JSON.stringify({ inMemoryMaxMegapixels: 0.1 })),
  );
  await openApp(page);
  // A file a stopped worker left behind: the next worker sweeps it.
  await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle('vitrine-scratch', { create: true });
    const writable = await (await folder.getFileHandle('left-over.pnm', { create: true })).createWritable();
    await writable.write(new Uint8Array(1000));
    await writable.close();
  });
  expect(await scratchNames(page)).toEqual(['left-over.pnm']);

  const stored = () => asymmetric(700, 450);
  const files = await Promise.all(
    [6, 3, 8].map(async (orientation) => ({
      name: `rotated-${orientation}.jpg`,
      mimeType: 'image/jpeg',
      buffer: await (await stored()).jpeg({ quality: 90 }).withMetadata({ orientation }).toBuffer(),
    })),
  );
  await addFiles(page, files);
  const outcomes = await waitSettled(page, files.length);
  const bundle = await exportBundle(page, BASE);

  for (const file of files) {
    const outcome = outcomes.find((o) => o.name === file.name)!;
    expect(outcome.state, `${file.name}: ${outcome.error}`).toBe('done');
    const orientation = Number(/rotated-(\d)/.exec(file.name)![1]);
    const notes = await page.locator(`[data-testid=job][data-name="${file.name}"] .job-notes`).textContent();
    expect(notes).toContain(`EXIF orientation ${orientation} applied through a 923 kB scratch file`);
    const upright = orientation === 3 ? { width: 700, height: 450 } : { width: 450, height: 700 };
    expect(await imageBundleProblems(bundle, outcome.id, BASE, upright), file.name).toEqual([]);
    const max = bundle.get(`${outcome.id}/full/max/0/default.jpg`)!;
    const reference = await sharp(file.buffer).rotate().png().toBuffer();
    expect(await meanDifference(max, reference), file.name).toBeLessThan(3);
    // Not merely the stored picture: it differs from the upright one by far more than JPEG error.
    const unturned = await (await stored()).resize(upright.width, upright.height, { fit: 'fill' }).png().toBuffer();
    expect(await meanDifference(max, unturned), file.name).toBeGreaterThan(20);
  }
  // Every scratch file deleted, the left-over one included.
  expect(await scratchNames(page)).toEqual([]);
});

test('a scratch file over the storage quota fails that image by name, and the batch goes on', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem('vitrine.inputPolicy', JSON.stringify({ inMemoryMaxMegapixels: 0.1 })),
  );
  await openApp(page);
  // 700 kB of quota: the 923 kB scratch file cannot fit, a small upright image's tiles can. (Chromium's
  // estimate() does not show this override, so it is the file that cannot grow.)
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 700_000 });
  const rotated = await (await asymmetric(700, 450)).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
  const upright = await (await asymmetric(300, 200)).jpeg({ quality: 90 }).toBuffer();
  await addFiles(page, [
    { name: 'rotated-6.jpg', mimeType: 'image/jpeg', buffer: rotated },
    { name: 'upright.jpg', mimeType: 'image/jpeg', buffer: upright },
  ]);
  const outcomes = await waitSettled(page, 2);
  const failed = outcomes.find((o) => o.name === 'rotated-6.jpg')!;
  expect(failed.state).toBe('failed');
  expect(failed.error).toBe(
    "Turning this image upright needs 923 kB of browser storage for a scratch file: the browser's storage quota does not allow it",
  );
  expect(outcomes.find((o) => o.name === 'upright.jpg')!.state).toBe('done');
  expect(await scratchNames(page)).toEqual([]);
});

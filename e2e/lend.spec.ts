import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { storedFileBase64, storedPaths } from '../scripts/measure-in-page.mjs';
import { addFiles, openApp, waitSettled, openAdvanced } from './app';

/** A detailed 3000×2200 JPEG: level 0 is offered whole (3000 px), so its rows also stack into full/max. */
async function photo(): Promise<Buffer> {
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 };
  return sharp({ create: { width: 3000, height: 2200, channels: 3, background: '#888', noise } })
    .blur(1)
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * Opens the app with two workers and starts both with a small image each: a worker that has tiled counts
 * as started and can be lent. Returns the small image's bytes.
 */
async function twoStartedWorkers(page: Page): Promise<Buffer> {
  await openApp(page);
  await openAdvanced(page);
  await page.getByTestId('workers').fill('2');
  await page.getByTestId('workers').dispatchEvent('change');
  const tiny = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#246' } })
    .png()
    .toBuffer();
  await addFiles(page, [
    { name: 'a.png', mimeType: 'image/png', buffer: tiny },
    { name: 'b.png', mimeType: 'image/png', buffer: tiny },
  ]);
  await waitSettled(page, 2);
  return tiny;
}

test('one image with two workers: the idle one encodes tile rows, and every stored byte is what one worker writes', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await twoStartedWorkers(page);
  const bytes = await photo();
  await addFiles(page, [{ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: bytes }]);
  const [, , helped] = await waitSettled(page, 3);
  expect(helped?.state).toBe('done');
  // 9 rows at level 0 and 5 at level 1 may go to the helper; the first go before it has answered.
  const note = await page.getByTestId('job').nth(2).textContent();
  const rows = Number(/(\d+) tile rows encoded by an idle second worker/.exec(note ?? '')?.[1]);
  expect(rows).toBeGreaterThanOrEqual(7);
  expect(rows).toBeLessThanOrEqual(14);

  await openAdvanced(page);
  await page.getByTestId('workers').fill('1');
  await page.getByTestId('workers').dispatchEvent('change');
  await addFiles(page, [{ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: bytes }]);
  const [, , , alone] = await waitSettled(page, 4);
  expect(alone?.state).toBe('done');
  expect(await page.getByTestId('job').nth(3).textContent()).not.toMatch(/second worker/);

  const paths = (await page.evaluate(storedPaths, helped!.id)).sort();
  expect(paths).toEqual((await page.evaluate(storedPaths, alone!.id)).sort());
  expect(paths).toContain('full/max/0/default.jpg');
  for (const path of paths) {
    const [a, b] = await Promise.all([
      page.evaluate(storedFileBase64, [helped!.id, path] as [string, string]),
      page.evaluate(storedFileBase64, [alone!.id, path] as [string, string]),
    ]);
    expect(a === b, path).toBe(true);
  }
});

test('an image too wide for any row to be sent lets the lent worker go: an image dropped meanwhile runs on it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const tiny = await twoStartedWorkers(page);
  // Level 1 is 8200 px wide, over the widest row sent (8192 px): the job keeps no use for its helper.
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 30 };
  const wide = await sharp({ create: { width: 16400, height: 3000, channels: 3, background: '#888', noise } })
    .blur(2)
    .jpeg({ quality: 80 })
    .toBuffer();
  expect(wide.length).toBeLessThan(32 * 1024 * 1024);
  await addFiles(page, [{ name: 'wide.jpg', mimeType: 'image/jpeg', buffer: wide }]);
  const wideRow = page.getByTestId('job').nth(2);
  await expect(wideRow).toContainText('16400 × 3000');
  await addFiles(page, [{ name: 'c.png', mimeType: 'image/png', buffer: tiny }]);
  const tinyRow = page.getByTestId('job').nth(3);
  await expect(tinyRow).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(wideRow).toHaveAttribute('data-state', 'running');
  await waitSettled(page, 4);
  await expect(wideRow).toHaveAttribute('data-state', 'done');
  await expect(wideRow).not.toContainText('second worker');
});

import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { storedFileBase64, storedPaths } from '../scripts/measure-in-page.mjs';
import { addFiles, openApp, waitSettled } from './app';

/** A detailed 3000×2200 JPEG: level 0 is offered whole (3000 px), so its rows also stack into full/max. */
async function photo(): Promise<Buffer> {
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 };
  return sharp({ create: { width: 3000, height: 2200, channels: 3, background: '#888', noise } })
    .blur(1)
    .jpeg({ quality: 90 })
    .toBuffer();
}

test('one image with two workers: the idle one encodes tile rows, and every stored byte is what one worker writes', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByTestId('workers').fill('2');
  await page.getByTestId('workers').dispatchEvent('change');
  // Two small images start both workers; a worker that has tiled counts as started and can be lent.
  const tiny = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#246' } })
    .png()
    .toBuffer();
  await addFiles(page, [
    { name: 'a.png', mimeType: 'image/png', buffer: tiny },
    { name: 'b.png', mimeType: 'image/png', buffer: tiny },
  ]);
  await waitSettled(page, 2);
  const bytes = await photo();
  await addFiles(page, [{ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: bytes }]);
  const [, , helped] = await waitSettled(page, 3);
  expect(helped?.state).toBe('done');
  // 9 rows at level 0 and 5 at level 1 may go to the helper; the first go before it has answered.
  const note = await page.getByTestId('job').nth(2).textContent();
  const rows = Number(/(\d+) tile rows encoded by an idle second worker/.exec(note ?? '')?.[1]);
  expect(rows).toBeGreaterThanOrEqual(7);
  expect(rows).toBeLessThanOrEqual(14);

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

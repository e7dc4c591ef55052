import { expect, test } from '@playwright/test';
import { makeFixtures } from '../test/fixtures';
import { addFiles, openApp, waitSettled } from './app';

test('Mirador opens the local collection and shows a finished image with all its tiles', async ({ page }) => {
  const local: { url: string; status: number }[] = [];
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/local-iiif/')) local.push({ url: r.url(), status: r.status() });
  });
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await openApp(page);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');
  const fixtures = (await makeFixtures()).filter((f) => ['photo 3000×2000.jpg', 'small 200x150.png'].includes(f.name));
  await addFiles(page, fixtures);
  const [photo] = await waitSettled(page, 2);

  await page.getByTestId('open-mirador-collection').click();
  const mirador = page.getByTestId('mirador');
  await expect(mirador).toBeVisible();
  // Mirador lists the collection's manifests; choosing one opens it in the window.
  await mirador.getByRole('menuitem', { name: 'photo 3000×2000' }).click();
  await expect(mirador.locator('.openseadragon-canvas canvas').first()).toBeVisible({ timeout: 60_000 });
  const tiles = () => local.filter((r) => r.url.includes(`/local-iiif/${photo!.id}/`) && /\/default\.jpg$/.test(r.url));
  await expect.poll(() => tiles().length, { timeout: 60_000 }).toBeGreaterThan(2);
  await page.waitForTimeout(1500);
  expect(local.filter((r) => r.status !== 200)).toEqual([]);
  expect(failed).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('mirador.png') });
  await page.getByTestId('close-mirador').click();
  await expect(mirador).toBeHidden();
});

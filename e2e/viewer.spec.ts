import { expect, test, type Page } from '@playwright/test';
import { makeFixtures } from '../test/fixtures';
import { addFiles, openApp, waitSettled } from './app';

/** Waits until every tile OpenSeadragon asked for has been answered, then returns the counts. */
async function settledTiles(page: Page) {
  const viewer = page.getByTestId('viewer');
  await expect
    .poll(async () => {
      const d = await viewer.evaluate((el) => ({ ...el.dataset }));
      return Number(d.tilesRequested) > 0 && Number(d.tilesRequested) === Number(d.tilesLoaded) + Number(d.tilesFailed);
    })
    .toBe(true);
  await page.waitForTimeout(500);
  return viewer.evaluate((el) => ({
    requested: Number(el.dataset.tilesRequested),
    loaded: Number(el.dataset.tilesLoaded),
    failed: Number(el.dataset.tilesFailed),
    failedPaths: el.dataset.failedPaths,
    finestScale: Number(el.dataset.finestScale),
  }));
}

async function view(page: Page, name: string) {
  await page.locator(`[data-testid=job][data-name="${name}"] [data-testid=view-image]`).click();
  await expect(page.getByTestId('viewer-dialog')).toBeVisible();
  // The first canvas is the image's; the navigator has its own.
  await expect(page.locator('[data-testid=viewer] .openseadragon-canvas canvas').first()).toBeVisible();
  await expect(page.getByTestId('viewer').locator('.navigator')).toBeVisible();
}

test.describe('OpenSeadragon preview from IndexedDB', () => {
  test.setTimeout(300_000);

  test('zoom to full resolution and pan: every requested tile exists', async ({ page }) => {
    const fixtures = (await makeFixtures()).filter((f) => 'width' in f.expect);
    await openApp(page);
    await addFiles(page, fixtures);
    await waitSettled(page, fixtures.length);

    await view(page, 'photo 3000×2000.jpg');
    const box = (await page.getByTestId('viewer').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, -200);
      await page.waitForTimeout(50);
    }
    for (const [dx, dy] of [
      [300, 200],
      [-600, 0],
      [0, -400],
      [500, 300],
    ]) {
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + dx!, box.y + box.height / 2 + dy!, { steps: 8 });
      await page.mouse.up();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    }
    const stats = await settledTiles(page);
    expect(stats.failed, stats.failedPaths).toBe(0);
    expect(stats.finestScale).toBe(1);
    expect(stats.loaded).toBeGreaterThan(20);
    await page.screenshot({ path: test.info().outputPath('viewer-zoomed.png') });
    await page.getByTestId('close-viewer').click();

    // Degenerate shapes: OpenSeadragon asks for full/max, full/w,h and edge tiles here.
    for (const name of [
      'one-pixel.png',
      'small 200x150.png',
      'wide-20000x1.png',
      'tall-1x20000.png',
      'rotated-6.jpg',
    ]) {
      await view(page, name);
      const s = await settledTiles(page);
      expect(s.failed, `${name}: ${s.failedPaths}`).toBe(0);
      await page.getByTestId('close-viewer').click();
    }
  });
});

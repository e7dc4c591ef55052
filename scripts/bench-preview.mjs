// The first zoomable preview, as `npm run bench` measures it: drop → the first tile OpenSeadragon loaded,
// on the page's own clock (the viewer's data-first-tile-at), so no polling interval is counted.
import { openWhenServed } from './preview-server.mjs';

/**
 * Drop `file`, then Preview at once (`whileTiling`: the browser's quick decode until the tiles are stored),
 * or View once the row is done (the tiles only). Returns the ms and which preview was on screen.
 */
export async function previewMs(page, file, whileTiling) {
  const count = await page.locator('[data-testid=job]').count();
  const dropAt = await page.evaluate(() => performance.now());
  await page.setInputFiles('[data-testid=file-input]', file);
  const row = page.locator('[data-testid=job]').nth(count);
  if (!whileTiling) await row.and(page.locator('[data-state=done]')).waitFor({ timeout: 600_000 });
  await row.locator('[data-testid=preview-image], [data-testid=view-image]').first().click();
  const handle = await page.waitForFunction(firstTileAfter, dropAt, { timeout: 600_000 });
  const { firstTileAt, preview: shown } = await handle.jsonValue();
  const firstAt = Number(firstTileAt);
  // The next measurement starts with nothing running and the viewer closed.
  await row.and(page.locator('[data-state=done]')).waitFor({ timeout: 600_000 });
  await page.click('[data-testid=close-viewer]');
  return { ms: Math.round(firstAt - dropAt), shown };
}

/** The same on a page opened a moment ago, as a new visitor would: dropped as soon as the app is ready. */
export async function freshPagePreviewMs(browser, port, file) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await openWhenServed(page, port);
    return await previewMs(page, file, true);
  } finally {
    await context.close();
  }
}

/** Runs in the page: the viewer's data once its first tile is later than `after` (not a closed viewer's). */
function firstTileAfter(after) {
  // eslint-disable-next-line no-undef -- runs in the page
  const data = document.querySelector('[data-testid=viewer]')?.dataset;
  return Number(data?.firstTileAt) > after && { ...data };
}

// Captures the README's screenshots from the built app (run `npm run build` first): the empty page, a
// running batch, a finished batch with the viewer open, and an error, each in light and dark.
// Usage: node scripts/screenshots.mjs [out-dir]   (default docs/screenshots)
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { openWhenServed, startPreview } from './preview-server.mjs';

const PORT = 4391;
const out = resolve(process.argv[2] ?? 'docs/screenshots');
mkdirSync(out, { recursive: true });

const picture = (width, height, r) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r, g: 120, b: 200 },
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .jpeg()
    .toBuffer();

const server = startPreview(PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openWhenServed(page, PORT);
    const shot = (name) => page.screenshot({ path: `${out}/${name}-${scheme}.png` });
    await shot('empty');
    const files = [
      { name: 'folio-1r.jpg', mimeType: 'image/jpeg', buffer: await picture(7000, 5000, 180) },
      { name: 'folio-1v.jpg', mimeType: 'image/jpeg', buffer: await picture(1600, 1200, 90) },
      { name: 'letter.jpg', mimeType: 'image/jpeg', buffer: await picture(1200, 1600, 30) },
    ];
    await page.getByTestId('file-input').setInputFiles(files);
    await page.waitForSelector('[data-testid=job][data-state=running]');
    await shot('running');
    await page.locator('[data-testid=job][data-state=done]').nth(2).waitFor({ timeout: 120_000 });
    await page.locator('[data-testid=job][data-name="folio-1v.jpg"] [data-testid=view-image]').click();
    await page.waitForSelector('.navigator');
    await page.waitForTimeout(1500);
    await shot('viewer');
    await page.getByTestId('close-viewer').click();
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('a text file, renamed\n') });
    await page.waitForSelector('[data-testid=job][data-state=failed]');
    await page.locator('[data-testid=job][data-state=failed]').scrollIntoViewIfNeeded();
    await shot('error');
    await context.close();
  }
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  server.kill();
}

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

/** A made-up page: a warm gradient with lines of "text", so the viewer shows something page-like. */
const picture = (width, height, hue) => {
  const lines = Array.from({ length: 40 }, (_, i) => {
    const y = (height * (i + 4)) / 48;
    return `<rect x="${width * 0.12}" y="${y}" width="${width * (0.6 + ((i * 7) % 10) / 50)}" height="${height / 160}" fill="#4a3520" opacity="0.7"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},45%,86%)"/><stop offset="1" stop-color="hsl(${hue},35%,68%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${lines}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
};

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
      { name: 'folio-1r.jpg', mimeType: 'image/jpeg', buffer: await picture(7000, 5000, 35) },
      { name: 'folio-1v.jpg', mimeType: 'image/jpeg', buffer: await picture(1600, 1200, 40) },
      { name: 'letter.jpg', mimeType: 'image/jpeg', buffer: await picture(1200, 1600, 200) },
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

import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { readFileSync, writeFileSync } from 'node:fs';
import { openApp } from './app';

const SW_PATH = 'dist/sw.js';

test('installable: manifest fields, icons, a service worker controlling the page', async ({ page }) => {
  await openApp(page);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifestUrl = new URL(href!, page.url()).href;
  const manifest = await (await page.request.get(manifestUrl)).json();
  expect(manifest).toMatchObject({
    name: expect.stringContaining('Vitrine'),
    short_name: 'Vitrine',
    start_url: './',
    display: 'standalone',
  });
  expect(manifest.file_handlers[0].accept['image/jpeg']).toContain('.jpg');
  for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
    const response = await page.request.get(new URL(icon.src, manifestUrl).href);
    expect(response.headers()['content-type']).toBe(icon.type);
    const meta = await sharp(await response.body()).metadata();
    expect(`${meta.width}x${meta.height}`).toBe(icon.sizes);
  }
  expect(manifest.icons.some((i: { sizes: string }) => i.sizes === '512x512')).toBe(true);
  // Chromium's own verdict on installability; a test browser context is always incognito, which alone is excused.
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
});

test('a new version is offered as an update and applied only on consent, never mid-batch', async ({ page }) => {
  await openApp(page);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');
  const firstVersion = await page.evaluate(() => caches.keys());
  // The host now serves a changed service worker, as after a deploy (the browser fetches it, not the page).
  // It stays served to the end: the navigation after the update checks again and must find this version.
  const original = readFileSync(SW_PATH, 'utf8');
  const version = firstVersion[0]!.replace('vitrine-', '');
  expect(original).toContain(version);
  writeFileSync(SW_PATH, original.replaceAll(version, 'next-version'));
  try {
    await expect(page.getByTestId('apply-update')).toBeHidden();
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect(page.getByTestId('apply-update')).toBeVisible();
    // Still the old version until the person agrees, and never while images are tiling.
    expect(await page.evaluate(() => caches.keys())).toEqual(expect.arrayContaining(firstVersion));
    const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 };
    const background = '#808080';
    const big = await sharp({ create: { width: 8000, height: 6000, channels: 3, background, noise } })
      .jpeg()
      .toBuffer();
    await page.getByTestId('file-input').setInputFiles({ name: 'big.jpg', mimeType: 'image/jpeg', buffer: big });
    await expect(page.getByTestId('job')).toHaveAttribute('data-state', 'running');
    // What the page showed as it unloaded for the update: the image must be finished by then.
    await page.evaluate(() =>
      addEventListener('pagehide', () => {
        const job = document.querySelector('[data-testid=job]');
        sessionStorage.setItem('stateAtUpdate', job?.getAttribute('data-state') ?? 'none');
      }),
    );
    const reloaded = page.waitForEvent('load', { timeout: 120_000 });
    await page.getByTestId('apply-update').click();
    await expect(page.getByTestId('app-status')).toHaveText('Update after the current images finish');
    expect(await page.evaluate(() => caches.keys())).toEqual(expect.arrayContaining(firstVersion));
    await reloaded;
    expect(await page.evaluate(() => sessionStorage.getItem('stateAtUpdate'))).toBe('done');
    await expect(page.getByTestId('app-status')).toHaveAttribute('data-ready', 'true');
    await expect.poll(() => page.evaluate(() => caches.keys())).toEqual(['vitrine-next-version']);
  } finally {
    writeFileSync(SW_PATH, original);
  }
});

test('on a first visit, no tiling worker starts before the service worker controls the page', async ({ page }) => {
  // Firefox ESR left requests in flight at the moment of the claim hanging for 60 s, the worker's among them.
  // Stamps in the page's clock: each worker's creation, and the claim.
  await page.addInitScript(() => {
    const stamps = { workers: [] as number[], controlled: -1 };
    Object.assign(window, { stamps });
    navigator.serviceWorker.addEventListener('controllerchange', () => (stamps.controlled = performance.now()));
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        stamps.workers.push(performance.now());
      }
    };
  });
  await openApp(page);
  const stamps = () =>
    page.evaluate(() => (window as unknown as { stamps: { workers: number[]; controlled: number } }).stamps);
  await expect.poll(async () => (await stamps()).workers.length).toBeGreaterThan(0);
  const { workers, controlled } = await stamps();
  expect(controlled).toBeGreaterThan(0);
  expect(Math.min(...workers)).toBeGreaterThan(controlled);
});

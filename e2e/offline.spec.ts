import { expect, test, type Page } from '@playwright/test';
import type { Server } from 'node:http';
import { imageBundleProblems } from '../test/bundle-checks';
import { resolve } from 'node:path';
import { CORPUS_DIR, hasCorpus } from '../test/corpus';
import { makeFixtures } from '../test/fixtures';
import { addFiles, exportBundle, openApp, waitSettled } from './app';
import { serveStatic } from './static-server';

const pick = async (name: string) => (await makeFixtures()).filter((f) => f.name === name);

async function controlled(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');
}

test('after one visit the app works offline: tile, preview, local IIIF URLs, export', async ({ page, context }) => {
  await openApp(page);
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-ready', 'true');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(
    await page.evaluate(() =>
      fetch('https://example.org/').then(
        () => 'online',
        () => 'offline',
      ),
    ),
  ).toBe('offline');

  // A corpus photo when ../shared is there, else a generated one of the same kind.
  await addFiles(page, hasCorpus ? [resolve(CORPUS_DIR, 'jpeg/mate-Storm.jpg')] : await pick('photo 3000×2000.jpg'));
  const [job] = await waitSettled(page, 1);
  const size = hasCorpus ? { width: 1920, height: 1280 } : { width: 3000, height: 2000 };
  expect(job!.state).toBe('done');
  await page.locator('[data-testid=view-image]').click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-tiles-loaded', /[1-9]/);
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-tiles-failed', '0');
  await page.getByTestId('close-viewer').click();

  // The service worker serves the local bundle at URLs, as a static host of the export would.
  const local = await page.evaluate(async (id) => {
    const info = await (await fetch(`local-iiif/${id}/info.json`)).json();
    const tile = await fetch(`local-iiif/${id}/0,0,512,512/256,256/0/default.jpg`);
    const missing = await fetch(`local-iiif/${id}/0,0,1,1/1,1/0/default.jpg`);
    const manifest = await (await fetch(`local-iiif/${id}/manifest.json`)).json();
    return {
      id: info.id,
      type: tile.headers.get('content-type'),
      size: (await tile.arrayBuffer()).byteLength,
      missing: missing.status,
      manifest: manifest.id,
    };
  }, job!.id);
  const origin = new URL(page.url()).origin;
  expect(local).toEqual({
    id: `${origin}/local-iiif/${job!.id}`,
    type: 'image/jpeg',
    size: expect.any(Number),
    missing: 404,
    manifest: `${origin}/local-iiif/${job!.id}/manifest.json`,
  });

  const bundle = await exportBundle(page, 'https://example.org/iiif');
  expect(await imageBundleProblems(bundle, job!.id, 'https://example.org/iiif', size)).toEqual([]);
});

test.describe('on a static host that sends no COOP/COEP', () => {
  let server: Server;
  const url = 'http://127.0.0.1:4331/';
  test.beforeAll(async () => {
    server = await serveStatic('dist', 4331);
  });
  test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

  test('the service worker makes the page cross-origin isolated and it tiles', async ({ page }) => {
    const response = await page.goto(url);
    expect(response!.headers()['cross-origin-embedder-policy']).toBeUndefined();
    // The page reloads itself once the worker controls it: the first context may vanish mid-poll.
    await expect
      .poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 30_000 })
      .toBe(true);
    await expect(page.getByTestId('app-status')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('isolation-warning')).toBeHidden();
    await addFiles(page, await pick('rotated-6.jpg'));
    const [job] = await waitSettled(page, 1);
    expect(job!.state).toBe('done');
  });
});

// An Image API 2.1 / Presentation 2.1 export, served as a static host would: OpenSeadragon (the bundle's
// own index.html) and Mirador open it, and every file they ask for exists.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { contentTypeOf } from '../src/shared/content-type';
import { makeFixtures } from '../test/fixtures';
import { addFiles, exportBundle, openApp, waitSettled } from './app';
import type { Bundle } from '../test/bundle-checks';

const SITE = 'http://bundle.test/site';
// Mirador's own browser build, from the installed package (its exports map does not list it).
const MIRADOR_JS = resolve(import.meta.dirname, '../node_modules/mirador/dist/mirador.min.js');

/** Serves `bundle` at SITE (with CORS, as a host must) plus a Mirador page; returns the log of requests. */
async function serve(page: Page, bundle: Bundle, manifest: string) {
  const served: { path: string; status: number }[] = [];
  const mirador = await readFile(MIRADOR_JS);
  const html = `<!doctype html><meta charset="utf-8"><div id="m" style="position:absolute;inset:0"></div>
<script src="mirador.min.js"></script><script>Mirador.viewer({ id: 'm', windows: [{ manifestId: '${manifest}' }] });</script>`;
  await page.route(`${SITE}/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice('/site/'.length));
    if (path === 'mirador.html') return route.fulfill({ body: html, contentType: 'text/html' });
    if (path === 'mirador.min.js') return route.fulfill({ body: mirador, contentType: 'text/javascript' });
    const body = bundle.get(path);
    served.push({ path, status: body ? 200 : 404 });
    await route.fulfill(
      body
        ? { body: Buffer.from(body), contentType: contentTypeOf(path), headers: { 'access-control-allow-origin': '*' } }
        : { status: 404, body: 'not found' },
    );
  });
  return served;
}

test('a 2.1 bundle opens in OpenSeadragon and Mirador, and every tile they request is there', async ({ page }) => {
  await openApp(page);
  const fixtures = (await makeFixtures()).filter((f) => ['photo 3000×2000.jpg', 'tall-1x20000.png'].includes(f.name));
  await addFiles(page, fixtures);
  const [photo, tall] = await waitSettled(page, 2);
  await page.getByTestId('export-iiif-version').selectOption('2');
  const bundle = await exportBundle(page, SITE);
  const info = JSON.parse(new TextDecoder().decode(bundle.get(`${photo!.id}/info.json`)));
  expect(info['@context']).toBe('http://iiif.io/api/image/2/context.json');
  const manifest = JSON.parse(new TextDecoder().decode(bundle.get(`${photo!.id}/manifest.json`)));
  expect(manifest['@type']).toBe('sc:Manifest');

  const served = await serve(page, bundle, `${SITE}/${photo!.id}/manifest.json`);
  const tiles = (id: string) => served.filter((s) => s.path.startsWith(`${id}/`) && s.path.endsWith('/default.jpg'));
  // OpenSeadragon, through the bundle's own page, on both images (the tall one asks for `full` sizes).
  await page.goto(`${SITE}/index.html`);
  await expect.poll(() => tiles(photo!.id).length).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'tall-1x20000' }).click();
  await expect.poll(() => tiles(tall!.id).length).toBeGreaterThan(0);
  await page.waitForTimeout(1000);
  const byOpenSeadragon = served.length;

  await page.goto(`${SITE}/mirador.html`);
  await expect(page.locator('.openseadragon-canvas canvas').first()).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => served.length - byOpenSeadragon, { timeout: 30_000 }).toBeGreaterThan(3);
  await page.waitForTimeout(1500);
  console.log(
    `2.1 bundle: ${byOpenSeadragon} requests from OpenSeadragon, ${served.length - byOpenSeadragon} from Mirador`,
  );
  expect(served.filter((s) => s.status !== 200)).toEqual([]);
});

import { type S3Client } from '@aws-sdk/client-s3';
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { makeFixtures } from '../test/fixtures';
import { createPublicBucket, S3_ENDPOINT, s3Client } from '../test/s3-local';
import { addFiles, exportBundle, openApp, waitSettled } from './app';
import {
  APP_ORIGIN,
  configureUpload,
  expectBucketEqualsZip,
  listBucket,
  recordedUploads,
  startPresignEndpoint,
} from './s3-publish';
import { serveStatic } from './static-server';

const PRESIGN_PORT = 4330;
const VIEWER_PORT = 4331;
const VIEWER_ORIGIN = `http://127.0.0.1:${VIEWER_PORT}`;
const PRESIGN_URL = `http://127.0.0.1:${PRESIGN_PORT}/presign`;

test.skip(!S3_ENDPOINT, 'needs the local S3 server that npm test starts (VITRINE_S3_ENDPOINT)');
test.describe.configure({ mode: 'serial' });

let client: S3Client;
let bucket: string;
let presign: ChildProcess | undefined;

test.beforeAll(async () => {
  client = s3Client();
  bucket = await createPublicBucket(client, [APP_ORIGIN, VIEWER_ORIGIN]);
  presign = await startPresignEndpoint(bucket, 'e2e/', PRESIGN_PORT);
});
test.afterAll(() => void presign?.kill());

/** Tiles three fixtures; returns the bucket's public base URL for `prefix` and the first image's id. */
async function tileThree(page: Page, prefix: string): Promise<{ baseUrl: string; photoId: string }> {
  await openApp(page);
  const names = ['photo 3000×2000.jpg', 'rotated-6.jpg', 'small 200x150.png'];
  await addFiles(
    page,
    (await makeFixtures()).filter((f) => names.includes(f.name)),
  );
  const outcomes = await waitSettled(page, 3);
  expect(outcomes.map((o) => o.state)).toEqual(['done', 'done', 'done']);
  return { baseUrl: `${S3_ENDPOINT}/${bucket}/${prefix.slice(0, -1)}`, photoId: outcomes[0]!.id };
}

async function uploadAndWait(page: Page): Promise<void> {
  await page.getByTestId('upload-start').click();
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
}

test('a 3-image bundle uploaded through the presign endpoint equals its ZIP, and opens from another origin', async ({
  page,
  browser,
}) => {
  const prefix = 'e2e/run-1/';
  const { baseUrl, photoId } = await tileThree(page, prefix);
  const zip = await exportBundle(page, baseUrl);
  await configureUpload(page, { endpoint: PRESIGN_URL, prefix });
  await uploadAndWait(page);
  await expect(page.getByTestId('upload-progress')).toHaveAttribute('data-done', String(zip.size));

  const stored = await listBucket(client, bucket, prefix);
  expectBucketEqualsZip(stored, zip, prefix);
  expect(stored.get(`${prefix}index.json`)!.cacheControl).toBe('public, max-age=300');
  expect([...stored].find(([key]) => key.endsWith('/default.jpg'))![1].cacheControl).toBe('public, max-age=604800');
  expect((await recordedUploads(page, baseUrl)).sort()).toEqual([...stored.keys()].sort());

  // OpenSeadragon on a page of another origin reads info.json across origins (CORS) and draws its tiles.
  const site = mkdtempSync(join(tmpdir(), 'vitrine-viewer-'));
  copyFileSync('node_modules/openseadragon/build/openseadragon/openseadragon.min.js', join(site, 'osd.js'));
  writeFileSync(
    join(site, 'index.html'),
    `<!doctype html><div id="v" style="width:800px;height:600px"></div><script src="osd.js"></script><script>
      const counts = { loaded: 0, failed: 0, open: false, openFailed: false };
      window.counts = counts;
      const viewer = OpenSeadragon({ id: 'v', tileSources: new URLSearchParams(location.search).get('info') });
      viewer.addHandler('open', () => (counts.open = true));
      viewer.addHandler('open-failed', () => (counts.openFailed = true));
      viewer.addHandler('tile-loaded', () => counts.loaded++);
      viewer.addHandler('tile-load-failed', () => counts.failed++);
    </script>`,
  );
  const server: Server = await serveStatic(site, VIEWER_PORT);
  try {
    const viewer = await browser.newPage();
    const infoUrl = `${baseUrl}/${photoId}/info.json`;
    await viewer.goto(`${VIEWER_ORIGIN}/index.html?info=${encodeURIComponent(infoUrl)}`);
    await expect
      .poll(() => viewer.evaluate(() => (window as unknown as { counts: { open: boolean } }).counts.open))
      .toBe(true);
    await expect
      .poll(() => viewer.evaluate(() => (window as unknown as { counts: { loaded: number } }).counts.loaded))
      .toBeGreaterThan(3);
    const counts = await viewer.evaluate(() => (window as unknown as { counts: object }).counts);
    expect(counts).toMatchObject({ failed: 0, openFailed: false });
  } finally {
    server.close();
  }
});

import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { PresignResponse } from '../src/shared/presign-protocol';
import { makeFixtures } from '../test/fixtures';
import { createPublicBucket, S3_ENDPOINT, s3Client } from '../test/s3-local';
import { addFiles, exportBundle, openApp, waitSettled } from './app';
import {
  APP_ORIGIN,
  configureUpload,
  expectBucketEqualsZip,
  expectRecordsStored,
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
  await configureUpload(page, { endpoint: PRESIGN_URL, prefix });
  // Once signing is set up, the bucket's own address is offered as the public base URL.
  const useBucket = page.getByTestId('base-url-use-bucket');
  await expect(useBucket).toHaveText(`Use the S3 bucket's address: ${baseUrl}`);
  await useBucket.click();
  await expect(page.getByTestId('base-url')).toHaveValue(baseUrl);
  await expect(useBucket).toBeHidden();
  const zip = await exportBundle(page, baseUrl);
  await uploadAndWait(page);
  await expect(page.getByTestId('upload-progress')).toHaveAttribute('data-done', String(zip.size));

  const stored = await listBucket(client, bucket, prefix);
  expectBucketEqualsZip(stored, zip, prefix);
  expect(stored.get(`${prefix}index.json`)!.cacheControl).toBe('public, max-age=300');
  expect([...stored].find(([key]) => key.endsWith('/default.jpg'))![1].cacheControl).toBe('public, max-age=604800');
  const records = await recordedUploads(page, baseUrl);
  expect([...records.keys()].sort()).toEqual([...stored.keys()].sort());
  expectRecordsStored(records, stored);

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

/** A presigned PUT URL for `key` that expired an hour ago, signed like the endpoint signs. */
async function expiredUrl(key: string, headers: Record<string, string>): Promise<string> {
  const command = new PutObjectCommand({
    Bucket: bucket,
    Key: key,
    ContentType: headers['Content-Type'],
    CacheControl: headers['Cache-Control'],
  });
  return getSignedUrl(client, command, {
    expiresIn: 60,
    signingDate: new Date(Date.now() - 3600_000),
    signableHeaders: new Set(['content-type', 'cache-control']),
  });
}

test('an expired and a tampered URL mid-upload are reported and retried with fresh URLs', async ({ page }) => {
  const prefix = 'e2e/run-2/';
  const { baseUrl } = await tileThree(page, prefix);
  const spoiled: string[] = [];
  await page.route(PRESIGN_URL, async (route) => {
    const response = await route.fetch();
    const json = (await response.json()) as PresignResponse;
    if (spoiled.length === 0 && (json.objects?.length ?? 0) > 10) {
      const tampered = json.objects[5]!;
      const url = new URL(tampered.url);
      url.searchParams.set('X-Amz-Signature', '0'.repeat(64));
      tampered.url = url.href;
      const expired = json.objects[9]!;
      expired.url = await expiredUrl(expired.key, expired.headers);
      spoiled.push(tampered.key, expired.key);
    }
    await route.fulfill({ response, json });
  });
  await page.getByTestId('base-url').fill(baseUrl);
  await configureUpload(page, { endpoint: PRESIGN_URL, prefix });
  await uploadAndWait(page);

  expect(spoiled).toHaveLength(2);
  const retried = await page
    .getByTestId('upload-log')
    .locator('li')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-key')));
  expect([...new Set(retried)].sort()).toEqual([...spoiled].sort());
  await expect(page.getByTestId('upload-log')).toContainText('expired or altered URL');

  const stored = await listBucket(client, bucket, prefix);
  expectBucketEqualsZip(stored, await exportBundle(page, baseUrl), prefix);
  const records = await recordedUploads(page, baseUrl);
  expect(records.size).toBe(stored.size);
  expectRecordsStored(records, stored);
});

test('a reload mid-upload resumes: recorded objects are not sent again, the rest are sent once', async ({ page }) => {
  const prefix = 'e2e/run-3/';
  const { baseUrl } = await tileThree(page, prefix);
  const bucketPath = `${S3_ENDPOINT}/${bucket}/`;
  // Slows each PUT a little so the reload lands mid-upload; the requests still go to the real server.
  await page.route(`${bucketPath}**`, async (route) => {
    if (route.request().method() === 'PUT') await new Promise((wait) => setTimeout(wait, 60));
    await route.continue();
  });
  let session = 1;
  const stored2xx = new Map<string, number[]>();
  page.on('response', (response) => {
    if (response.request().method() !== 'PUT' || !response.url().startsWith(bucketPath)) return;
    if (response.status() >= 300) return;
    const key = decodeURIComponent(new URL(response.url()).pathname.slice(`/${bucket}/`.length));
    stored2xx.set(key, [...(stored2xx.get(key) ?? []), session]);
  });
  await page.getByTestId('base-url').fill(baseUrl);
  await page.getByTestId('base-url').dispatchEvent('change');
  await configureUpload(page, { endpoint: PRESIGN_URL, prefix, concurrency: 2 });
  await page.getByTestId('upload-start').click();
  await expect.poll(() => stored2xx.size, { timeout: 60_000 }).toBeGreaterThanOrEqual(25);
  await page.reload();
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-ready', 'true');
  session = 2;

  const recordedBefore = await recordedUploads(page, baseUrl);
  expect(recordedBefore.size).toBeGreaterThanOrEqual(20);
  expectRecordsStored(recordedBefore, await listBucket(client, bucket, prefix));
  await expect(page.getByTestId('presign-endpoint')).toHaveValue(PRESIGN_URL);
  await uploadAndWait(page);
  await expect(page.getByTestId('upload-progress')).toHaveAttribute('data-skipped', String(recordedBefore.size));

  const sentAgain = [...stored2xx].filter(([key, sessions]) => recordedBefore.has(key) && sessions.includes(2));
  expect(sentAgain).toEqual([]);
  const twiceInSession2 = [...stored2xx].filter(([, sessions]) => sessions.filter((s) => s === 2).length > 1);
  expect(twiceInSession2).toEqual([]);
  const zip = await exportBundle(page, baseUrl);
  const stored = await listBucket(client, bucket, prefix);
  expectBucketEqualsZip(stored, zip, prefix);
  for (const key of stored.keys()) {
    expect(recordedBefore.has(key) || stored2xx.get(key)?.includes(2), key).toBe(true);
  }
  expectRecordsStored(await recordedUploads(page, baseUrl), stored);

  // Forgetting the records (for a bucket emptied by hand) makes the next upload send everything.
  await page.getByTestId('upload-forget').click();
  await expect(page.getByTestId('upload-forget')).toHaveText('Forget them? The next upload sends everything again');
  expect((await recordedUploads(page, baseUrl)).size).toBe(stored.size);
  await page.getByTestId('upload-forget').click();
  await expect(page.getByTestId('upload-status')).toHaveText(
    `Forgot ${stored.size} uploaded objects for ${baseUrl}: the next upload sends everything`,
  );
  expect((await recordedUploads(page, baseUrl)).size).toBe(0);
});

test('a pasted POST policy uploads the bundle without a presign request per object', async ({ page }) => {
  const prefix = 'e2e/run-4/';
  const { baseUrl } = await tileThree(page, prefix);
  const policy = await fetch(`http://127.0.0.1:${PRESIGN_PORT}/post-policy`, {
    method: 'POST',
    body: JSON.stringify({ prefix }),
  }).then((r) => r.json() as Promise<{ url: string; fields: Record<string, string> }>);
  let presignCalls = 0;
  page.on('request', (request) => void (request.url().startsWith(PRESIGN_URL) && presignCalls++));
  await page.getByTestId('base-url').fill(baseUrl);
  await page.getByTestId('upload-mode').selectOption('post');
  await expect(page.getByTestId('post-policy')).toBeVisible();
  await page.getByTestId('post-policy').fill(JSON.stringify({ url: policy.url, fields: policy.fields }));
  await page.getByTestId('key-prefix').fill('');
  await page.getByTestId('post-policy').dispatchEvent('change');
  await expect(page.getByTestId('base-url-use-bucket')).toHaveText(`Use the S3 bucket's address: ${baseUrl}`);
  await uploadAndWait(page);
  expect(presignCalls).toBe(0);
  const stored = await listBucket(client, bucket, prefix);
  expectBucketEqualsZip(stored, await exportBundle(page, baseUrl), prefix);
});

test('a refused prefix and a bucket without CORS for this origin each get a clear message', async ({ page }) => {
  const { baseUrl } = await tileThree(page, 'e2e/run-5/');
  await page.getByTestId('base-url').fill(baseUrl);
  // A setting that cannot work is named beside its field, which is marked and focused.
  await configureUpload(page, { endpoint: PRESIGN_URL, prefix: 'not-allowed/', concurrency: 0 });
  await page.getByTestId('upload-start').click();
  const concurrency = page.getByTestId('upload-concurrency');
  await expect(page.getByTestId('upload-concurrency-error')).toHaveText(
    'Parallel uploads must be a whole number from 1 to 32',
  );
  await expect(concurrency).toBeFocused();
  await expect(concurrency).toHaveAttribute('aria-invalid', 'true');
  await concurrency.fill('8');
  await expect(page.getByTestId('upload-concurrency-error')).toBeEmpty();
  await expect(concurrency).not.toHaveAttribute('aria-invalid');
  await page.getByTestId('upload-start').click();
  const status = page.getByTestId('upload-status');
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status).toContainText('The presign endpoint refused (403): Keys outside the allowed prefixes');

  // A second bucket whose CORS rule admits only the viewer's origin, with its own endpoint.
  const closed = await createPublicBucket(client, [VIEWER_ORIGIN]);
  const closedEndpoint = await startPresignEndpoint(closed, 'e2e/', PRESIGN_PORT + 2);
  try {
    const closedBase = `${S3_ENDPOINT}/${closed}/e2e/run-5`;
    await page.getByTestId('base-url').fill(closedBase);
    await configureUpload(page, { endpoint: `http://127.0.0.1:${PRESIGN_PORT + 2}/presign`, prefix: 'e2e/run-5/' });
    await page.getByTestId('upload-start').click();
    await expect(status).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(status).toContainText(`most likely its CORS rule does not allow ${APP_ORIGIN}`);
    const rule = JSON.parse((await page.getByTestId('upload-cors-rule').textContent())!) as {
      CORSRules: { AllowedOrigins: string[]; AllowedMethods: string[] }[];
    };
    expect(rule.CORSRules[0]!.AllowedOrigins).toEqual([APP_ORIGIN]);
    expect(rule.CORSRules[0]!.AllowedMethods).toContain('PUT');
    expect((await listBucket(client, closed, 'e2e/')).size).toBe(0);
    expect((await recordedUploads(page, closedBase)).size).toBe(0);
  } finally {
    closedEndpoint.kill();
  }
});

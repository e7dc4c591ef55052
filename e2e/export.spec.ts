import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { imageBundleProblems, readJson, type Bundle } from '../test/bundle-checks';
import { makeFixtures } from '../test/fixtures';
import { contentTypeOf } from '../src/shared/content-type';
import { addFiles, exportBundle, openApp, waitSettled } from './app';

const pick = async (names: string[]) => (await makeFixtures()).filter((f) => names.includes(f.name));

test('WebP tiles at 512 px: both formats written, WebP declared as preferred', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tile-size').selectOption('512');
  await page.getByTestId('tile-format').selectOption('webp');
  await page.getByTestId('quality').fill('70');
  await page.getByTestId('quality').dispatchEvent('change');
  const fixtures = await pick(['photo 3000×2000.jpg', 'small 200x150.png']);
  await addFiles(page, fixtures);
  const outcomes = await waitSettled(page, 2);
  const bundle = await exportBundle(page, 'https://example.org/iiif');
  for (const [i, f] of fixtures.entries()) {
    const id = outcomes[i]!.id;
    expect(
      await imageBundleProblems(bundle, id, 'https://example.org/iiif', f.expect as { width: number; height: number }),
    ).toEqual([]);
    const info = readJson<{ tiles: { width: number }[]; extraFormats: string[]; preferredFormats: string[] }>(
      bundle,
      `${id}/info.json`,
    );
    expect(info.tiles[0]!.width).toBe(512);
    expect(info.extraFormats).toEqual(['webp']);
    expect(info.preferredFormats).toEqual(['webp', 'jpg']);
  }
  // The settings were kept for the next visit.
  await page.reload();
  await expect(page.getByTestId('tile-size')).toHaveValue('512');
  await expect(page.getByTestId('tile-format')).toHaveValue('webp');
});

test("the bundle's index.html opens every image in OpenSeadragon when the folder is served", async ({ page }) => {
  await openApp(page);
  const fixtures = await pick(['photo 3000×2000.jpg', 'tall-1x20000.png']);
  await addFiles(page, fixtures);
  const outcomes = await waitSettled(page, 2);
  const bundle: Bundle = await exportBundle(page, 'https://iiif.example.org/not-yet-published');

  // A static host for the unzipped folder, on another origin than the app.
  const site = 'http://bundle.test/site/';
  const served: { path: string; status: number }[] = [];
  await page.route(`${site}**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice('/site/'.length));
    const body = bundle.get(path);
    served.push({ path, status: body ? 200 : 404 });
    await route.fulfill(
      body
        ? {
            status: 200,
            body: Buffer.from(body),
            contentType: contentTypeOf(path),
            headers: { 'access-control-allow-origin': '*' },
          }
        : { status: 404, body: 'not found' },
    );
  });
  await page.goto(`${site}index.html`);
  const tileOf = (id: string) => served.filter((s) => s.path.startsWith(`${id}/`) && s.path.endsWith('/default.jpg'));
  await expect.poll(() => tileOf(outcomes[0]!.id).length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'tall-1x20000' }).click();
  await expect.poll(() => tileOf(outcomes[1]!.id).length).toBeGreaterThan(0);
  await page.waitForTimeout(1000);
  expect(served.filter((s) => s.status !== 200)).toEqual([]);
});

test('Save ZIP to a file streams the same bundle into the picked file', async ({ page }) => {
  // Stands in for the native picker, which a headless browser cannot show: the page's stream is collected.
  await page.addInitScript(() => {
    const chunks: Uint8Array[] = [];
    Object.assign(window, {
      savedZip: chunks,
      showSaveFilePicker: async () => ({
        createWritable: async () =>
          new WritableStream<Uint8Array>({
            write: (chunk) => void chunks.push(new Uint8Array(chunk)),
            close: () => void Object.assign(window, { savedZipClosed: true }),
          }),
      }),
    });
  });
  await openApp(page);
  await addFiles(page, await pick(['small 200x150.png']));
  const [outcome] = await waitSettled(page, 1);
  await page.getByTestId('base-url').fill('https://example.org/iiif');
  await page.getByTestId('save-zip').click();
  await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'done');
  const bytes = await page.evaluate(() => {
    const w = window as unknown as { savedZip: Uint8Array[]; savedZipClosed: boolean };
    if (!w.savedZipClosed) throw new Error('file not closed');
    return [...w.savedZip.flatMap((c) => [...c])];
  });
  const saved = new Map(Object.entries(unzipSync(new Uint8Array(bytes))));
  const downloaded = await exportBundle(page, 'https://example.org/iiif');
  expect([...saved.keys()].sort()).toEqual([...downloaded.keys()].sort());
  expect(
    await imageBundleProblems(saved, outcome!.id, 'https://example.org/iiif', { width: 200, height: 150 }),
  ).toEqual([]);
});

test('export refuses a missing or relative base URL with a clear message', async ({ page }) => {
  await openApp(page);
  await addFiles(page, await pick(['one-pixel.png']));
  await waitSettled(page, 1);
  for (const value of ['', 'iiif/images', 'ftp://example.org/iiif', 'https://example.org/iiif?x=1']) {
    await page.getByTestId('base-url').fill(value);
    await page.getByTestId('export-zip').click();
    await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'error');
    await expect(page.getByTestId('export-status')).toContainText('Set the public base URL first');
    // The problem is shown beside the field, which takes the focus.
    await expect(page.getByTestId('base-url')).toBeFocused();
    await expect(page.getByTestId('base-url')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('base-url-error')).not.toBeEmpty();
  }
});

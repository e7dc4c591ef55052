import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { BatchReport } from '../src/shared/batch-report';
import { imageBundleProblems, readJson } from '../test/bundle-checks';
import { presentationSchemaErrors } from '../test/iiif-schema';
import { writeTiff } from '../test/tiff-writer';
import { exportBundle, openApp, waitSettled } from './app';

const BASE = 'https://example.org/iiif';

interface Manifest {
  behavior?: string[];
  items: { id: string; label: { none: string[] } }[];
  structures?: { label: { none: string[] }; items: { id: string }[] }[];
}

/** A folder `book` of 12 pages named page-1 … page-12 (written in a shuffled order), and a 3-page TIFF. */
async function bookAndTiff(): Promise<{ dir: string; tiff: string; csv: string }> {
  const root = mkdtempSync(join(tmpdir(), 'vitrine-objects-'));
  const dir = join(root, 'book');
  mkdirSync(dir);
  for (const n of [7, 1, 12, 3, 10, 2, 5, 11, 4, 9, 6, 8]) {
    const background = { r: n * 20, g: 255 - n * 20, b: 128 };
    await sharp({ create: { width: 400, height: 560, channels: 3, background } })
      .png()
      .toFile(join(dir, `page-${n}.png`));
  }
  const page = (grey: number) => ({
    width: 300,
    height: 200,
    samples: 1,
    bits: 8 as const,
    photometric: 1 as const,
    data: Buffer.alloc(300 * 200, grey),
  });
  const tiff = join(root, 'coin.tif');
  writeFileSync(tiff, writeTiff([page(40), page(130), page(220)]));
  const csv = join(root, 'sections.csv');
  const rows = Array.from({ length: 12 }, (_, i) => `page-${i + 1}.png,${i < 2 ? 'Front matter' : 'Text'}`);
  writeFileSync(csv, ['file,section', ...rows].join('\n'));
  return { dir, tiff, csv };
}

async function addBook(page: Page) {
  const { dir, tiff, csv } = await bookAndTiff();
  await openApp(page);
  await page.getByTestId('objects-mode').selectOption('folders');
  await page.getByTestId('folder-input').setInputFiles(dir);
  await page.getByTestId('file-input').setInputFiles(tiff);
  const outcomes = await waitSettled(page, 15);
  expect(outcomes.filter((o) => o.state !== 'done')).toEqual([]);
  await page.getByTestId('metadata-input').setInputFiles(csv);
  await expect(page.getByTestId('metadata-matched')).toHaveAttribute('data-count', '12');
  await page.getByTestId('metadata-apply').click();
  await expect(page.getByTestId('metadata-applied')).toBeVisible();
  return outcomes;
}

const pageIds = (m: Manifest) => m.items.map((c) => c.id.replace(`${BASE}/`, '').replace('/canvas/1', ''));

test('a folder of 12 pages and a 3-page TIFF: two objects in natural order, a report that matches the ZIP, Mirador in book view with the table of contents', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const outcomes = await addBook(page);
  const bundle = await exportBundle(page, BASE);
  const book = readJson<Manifest>(bundle, 'book/manifest.json');
  const coin = readJson<Manifest>(bundle, 'coin/manifest.json');
  expect(pageIds(book)).toEqual(Array.from({ length: 12 }, (_, i) => `page-${i + 1}`));
  expect(pageIds(coin)).toEqual(['coin-p1', 'coin-p2', 'coin-p3']);
  expect(book.behavior).toEqual(['paged']);
  expect(book.structures?.map((r) => [r.label.none[0], r.items.length])).toEqual([
    ['Front matter', 2],
    ['Text', 10],
  ]);
  for (const m of [book, coin]) expect(presentationSchemaErrors(m) ?? []).toEqual([]);
  const collection = readJson<{ items: { id: string }[] }>(bundle, 'collection.json');
  expect(collection.items.map((i) => i.id)).toEqual([`${BASE}/book/manifest.json`, `${BASE}/coin/manifest.json`]);
  expect(presentationSchemaErrors(collection) ?? []).toEqual([]);
  expect(bundle.has('page-1/manifest.json'), 'a page has no manifest of its own').toBe(false);
  for (const o of outcomes)
    expect(await imageBundleProblems(bundle, o.id, BASE, undefined, { manifest: false }), o.name).toEqual([]);

  // The report's numbers are the bundle's: tiles and bytes counted in the ZIP.
  const report = readJson<BatchReport>(bundle, 'report.json');
  expect(report.rows).toHaveLength(15);
  for (const row of report.rows) {
    const files = [...bundle.keys()].filter((k) => k.startsWith(`${row.id}/`) && !k.endsWith('.json'));
    const tiles = files.filter((k) => !k.startsWith(`${row.id}/full/`));
    expect(row.tiles, row.id).toBe(tiles.length);
    expect(row.bytes, row.id).toBe(files.reduce((n, k) => n + bundle.get(k)!.byteLength, 0));
  }
  expect(report.totals.tiles).toBe(report.rows.reduce((n, r) => n + r.tiles, 0));
  expect(report.objects).toEqual([
    { id: 'book', label: 'book', canvases: 12 },
    { id: 'coin', label: 'coin', canvases: 3 },
  ]);
  expect(new TextDecoder().decode(bundle.get('index.html'))).toContain('15 images: 2 objects and 0 single images.');
  await expect(page.getByTestId('report-table').locator('tbody tr')).toHaveCount(15);

  // The preview of an object: its pages in order, previous and next, a strip of pages.
  await page.locator('[data-testid=object][data-object-id=coin] [data-testid=object-view]').click();
  await expect(page.getByTestId('viewer-scale')).toContainText('page 1 of 3');
  await expect(page.getByTestId('viewer').locator('.referencestrip')).toBeAttached();
  await page.getByTestId('viewer-next').click();
  await expect(page.getByTestId('viewer-scale')).toContainText('page 2 of 3');
  await page.getByTestId('close-viewer').click();

  // Mirador's own rendering of the book: book view, 12 canvases, the table's sections as its contents.
  await page.locator('[data-testid=object][data-object-id=book] [data-testid=object-mirador]').click();
  const mirador = page.getByTestId('mirador');
  await expect(mirador.locator('.openseadragon-canvas canvas').first()).toBeVisible({ timeout: 60_000 });
  await mirador.getByRole('button', { name: 'Window views & thumbnail display' }).click();
  await expect(page.getByRole('menuitemradio', { name: 'Book' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await mirador.getByRole('button', { name: 'Toggle sidebar' }).click();
  await mirador.getByRole('tab', { name: 'Index' }).click();
  await mirador.getByRole('tab', { name: 'Table of contents' }).click();
  await expect(mirador.getByRole('treeitem')).toHaveText(['Front matter', 'Text']);
  await mirador.getByRole('tab', { name: 'Item list' }).click();
  const items = mirador.locator('aside').getByRole('menuitem');
  await expect(items).toHaveText(Array.from({ length: 12 }, (_, i) => `page-${i + 1}`));
  await page.screenshot({ path: test.info().outputPath('mirador-book.png') });
});

test('reordering, relabelling and choosing the cover change the export and never run a job', async ({ page }) => {
  test.setTimeout(300_000);
  await addBook(page);
  // From here on, any job that starts would show as a row leaving "done".
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { stateChanges: seen });
    new MutationObserver((records) => {
      for (const r of records) seen.push(`${(r.target as Element).getAttribute('data-state')}`);
    }).observe(document.querySelector('[data-testid=jobs]')!, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-state'],
      childList: false,
    });
  });
  const stored = () =>
    page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('vitrine');
        r.onsuccess = () => resolve(r.result);
      });
      return new Promise<number>((resolve) => {
        const r = db.transaction('files').objectStore('files').count();
        r.onsuccess = () => resolve(r.result);
      });
    });
  const filesBefore = await stored();
  const book = page.locator('[data-testid=object][data-object-id=book]');
  await book.getByTestId('canvas').first().getByTestId('canvas-down').click();
  await expect(book.getByTestId('canvas').first()).toHaveAttribute('data-image-id', 'page-2');
  await book.getByTestId('object-label').fill('Book of hours');
  await book.getByTestId('object-label').press('Enter');
  await book.getByTestId('object-direction').selectOption('right-to-left');
  await book.locator('[data-testid=canvas][data-image-id=page-3]').getByTestId('canvas-label').fill('Frontispiece');
  await book.locator('[data-testid=canvas][data-image-id=page-3]').getByTestId('canvas-label').press('Enter');
  await book.locator('[data-testid=canvas][data-image-id=page-3]').getByTestId('canvas-cover').check();
  await book.locator('[data-testid=canvas][data-image-id=page-12]').getByTestId('canvas-remove').click();
  await expect(book.getByTestId('canvas')).toHaveCount(11);

  const bundle = await exportBundle(page, BASE);
  const m = readJson<Manifest & { label: unknown; viewingDirection: string; start: { id: string } }>(
    bundle,
    'book/manifest.json',
  );
  expect(pageIds(m)).toEqual(['page-2', 'page-1', ...Array.from({ length: 9 }, (_, i) => `page-${i + 3}`)]);
  expect(m.label).toEqual({ none: ['Book of hours'] });
  expect(m.viewingDirection).toBe('right-to-left');
  expect(m.items[2]!.label).toEqual({ none: ['Frontispiece'] });
  expect(m.start.id).toBe(`${BASE}/page-3/canvas/1`);
  expect(presentationSchemaErrors(m) ?? []).toEqual([]);
  // The page taken out is a single image again, with a manifest of its own.
  expect(readJson<{ items: { id: string }[] }>(bundle, 'collection.json').items.map((i) => i.id)).toContain(
    `${BASE}/page-12/manifest.json`,
  );
  expect(await page.evaluate(() => (window as unknown as { stateChanges: string[] }).stateChanges)).toEqual([]);
  expect(await stored()).toBe(filesBefore);
});

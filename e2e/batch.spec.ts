import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import sharp from 'sharp';
import { imageBundleProblems, readJson } from '../test/bundle-checks';
import { CORPUS_DIR, corpusEntries, hasCorpus } from '../test/corpus';
import { presentationSchemaErrors } from '../test/iiif-schema';
import { exportBundle, openApp, waitSettled, openAdvanced } from './app';

const BASE = 'https://example.org/iiif';

/** A folder of 32 images (corpus photos when ../shared is there, else generated) and a text file. */
async function imageFolder(): Promise<{ dir: string; names: string[] }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'vitrine-batch-')), 'scans');
  mkdirSync(join(dir, 'more'), { recursive: true });
  const names: string[] = [];
  if (hasCorpus) {
    const picked = corpusEntries()
      .filter((e) => !/J2C|JP2/.test(e.format) && e.width * e.height < 4e6)
      .slice(0, 32);
    picked.forEach((e, i) => {
      const name = `${String(i).padStart(2, '0')}-${basename(e.path)}`;
      copyFileSync(resolve(CORPUS_DIR, e.path), join(dir, i % 4 ? '' : 'more', name));
      names.push(name);
    });
  } else {
    for (let i = 0; i < 32; i++) {
      const name = `${String(i).padStart(2, '0')}-generated.png`;
      const background = { r: (i * 37) % 256, g: (i * 71) % 256, b: (i * 13) % 256 };
      await sharp({ create: { width: 300 + i * 7, height: 200 + i * 3, channels: 3, background } })
        .png()
        .toFile(join(dir, i % 4 ? '' : 'more', name));
      names.push(name);
    }
  }
  writeFileSync(join(dir, 'notes.txt'), 'Scanned in 2026. Not an image.\n');
  return { dir, names };
}

test('a folder and a catalogue CSV: every image tiled, rows joined, collection and index valid', async ({ page }) => {
  test.setTimeout(600_000);
  const { dir, names } = await imageFolder();
  const csvRows = names.slice(0, -1).map((n, i) => `${n.replace(/\.[a-z0-9]+$/i, '')},Title ${i},Maker ${i}`);
  const csv = [
    'file,title,creator,description',
    `${csvRows[0]},"Several, with a comma\nand a new line"`,
    `${csvRows[1]},Zoë’s ünïcode — 日本`,
    ...csvRows.slice(2).map((r) => `${r},`),
    'no-such-file.jpg,Orphan,Nobody,',
  ].join('\n');
  const csvPath = join(dir, '..', 'catalogue.csv');
  writeFileSync(csvPath, `\uFEFF${csv}\n`);

  await openApp(page);
  // The page stays responsive during the batch: a 20 ms timer is never held up by 200 ms or more.
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.longest = Math.max(w.longest, now - last - 20);
      last = now;
    }, 20);
  });
  // The probe must see a block it is shown, or its silence would prove nothing.
  await page.evaluate(() => {
    const end = performance.now() + 120;
    while (performance.now() < end);
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as { longest: number }).longest)).toBeGreaterThan(100);
  await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
  await page.getByTestId('folder-input').setInputFiles(dir);
  const outcomes = await waitSettled(page, names.length + 1, 500_000);
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  console.log(`longest main-thread stall during the batch: ${Math.round(longest)} ms`);
  expect(longest).toBeLessThan(200);
  const skipped = outcomes.filter((o) => o.state === 'skipped');
  expect(skipped.map((o) => o.name)).toEqual(['notes.txt']);
  const done = outcomes.filter((o) => o.state === 'done');
  expect(done.map((o) => o.name).sort()).toEqual([...names].sort());

  await page.getByTestId('metadata-input').setInputFiles(csvPath);
  await expect(page.getByTestId('metadata-matched')).toHaveAttribute('data-count', String(names.length - 1));
  await expect(page.getByTestId('metadata-unmatched-rows')).toContainText('no-such-file.jpg');
  await expect(page.getByTestId('metadata-unmatched-images')).toContainText(names.at(-1)!);
  await page.getByTestId('metadata-apply').click();
  await expect(page.getByTestId('metadata-applied')).toHaveText(`Applied to ${names.length - 1} images`);

  const bundle = await exportBundle(page, BASE);
  const collection = readJson<{ items: { id: string }[] }>(bundle, 'collection.json');
  expect(presentationSchemaErrors(collection) ?? []).toEqual([]);
  expect(collection.items).toHaveLength(names.length);
  const index = readJson<{ id: string; label: string; metadata: { label: string; value: string }[] }[]>(
    bundle,
    'index.json',
  );
  expect(index.map((e) => e.id).sort()).toEqual(done.map((o) => o.id).sort());
  for (const o of done) {
    expect(await imageBundleProblems(bundle, o.id, BASE), o.name).toEqual([]);
    const manifest = readJson<{ label: { none: string[] }; summary?: { none: string[] }; metadata?: unknown[] }>(
      bundle,
      `${o.id}/manifest.json`,
    );
    const row = names.indexOf(o.name);
    if (row === names.length - 1) {
      expect(manifest.label.none[0], 'an image without a row keeps its file name').toBe(
        o.name.replace(/\.[a-z0-9]+$/i, ''),
      );
      continue;
    }
    expect(manifest.label).toEqual({ none: [`Title ${row}`] });
    expect(manifest.metadata).toEqual([{ label: { none: ['creator'] }, value: { none: [`Maker ${row}`] } }]);
    if (row === 0) expect(manifest.summary).toEqual({ none: ['Several, with a comma\nand a new line'] });
    if (row === 1) expect(manifest.summary).toEqual({ none: ['Zoë’s ünïcode — 日本'] });
  }
});

test('a reload in the middle of a batch: the batch finishes, every image exactly once and valid', async ({ page }) => {
  test.setTimeout(600_000);
  const { dir, names } = await imageFolder();
  await openApp(page);
  await page.getByTestId('folder-input').setInputFiles(dir);
  await expect(page.locator('[data-testid=job][data-state=done]')).not.toHaveCount(0, { timeout: 120_000 });
  const before = await page.locator('[data-testid=job][data-state=done]').count();
  expect(before).toBeLessThan(names.length);
  await page.reload();
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-ready', 'true');
  const outcomes = await waitSettled(page, names.length + 1, 500_000);
  const done = outcomes.filter((o) => o.state === 'done');
  expect(done).toHaveLength(names.length);
  expect(new Set(done.map((o) => o.name)).size).toBe(names.length);
  const bundle = await exportBundle(page, BASE);
  const folders = new Set(
    [...bundle.keys()].filter((k) => k.includes('/') && !k.startsWith('viewer/')).map((k) => k.split('/')[0]),
  );
  expect([...folders].sort()).toEqual(done.map((o) => o.id).sort());
  for (const o of done) expect(await imageBundleProblems(bundle, o.id, BASE), o.name).toEqual([]);
});

test('cancel one image, cancel the rest, retry: each ends as asked and the others are untouched', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page);
  await openAdvanced(page);
  await page.getByTestId('workers').fill('1');
  await page.getByTestId('workers').dispatchEvent('change');
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 };
  const make = (w: number, h: number) =>
    sharp({ create: { width: w, height: h, channels: 3, background: '#888', noise } })
      .jpeg()
      .toBuffer();
  const files = [
    { name: 'slow.jpg', mimeType: 'image/jpeg', buffer: await make(7000, 5000) },
    { name: 'small-1.jpg', mimeType: 'image/jpeg', buffer: await make(400, 300) },
    { name: 'small-2.jpg', mimeType: 'image/jpeg', buffer: await make(400, 300) },
    { name: 'small-3.jpg', mimeType: 'image/jpeg', buffer: await make(400, 300) },
  ];
  await page.getByTestId('file-input').setInputFiles(files);
  const row = (name: string) => page.locator(`[data-testid=job][data-name="${name}"]`);
  await expect(row('slow.jpg')).toHaveAttribute('data-state', 'running');
  await row('small-1.jpg').getByTestId('cancel-image').click();
  await row('slow.jpg').getByTestId('cancel-image').click();
  const outcomes = await waitSettled(page, 4);
  expect(outcomes.map((o) => [o.name, o.state, o.error])).toEqual([
    ['slow.jpg', 'failed', 'Cancelled'],
    ['small-1.jpg', 'failed', 'Cancelled'],
    ['small-2.jpg', 'done', null],
    ['small-3.jpg', 'done', null],
  ]);
  await row('small-1.jpg').getByTestId('retry-image').click();
  await expect(row('small-1.jpg')).toHaveAttribute('data-state', 'done');
  // Cancel all stops what is queued and what is running.
  await page.getByTestId('file-input').setInputFiles([
    { ...files[0]!, name: 'slow-again.jpg' },
    { ...files[2]!, name: 'small-4.jpg' },
  ]);
  await expect(row('slow-again.jpg')).toHaveAttribute('data-state', 'running');
  // It asks first, in the button: one click changes nothing.
  const cancelAll = page.getByTestId('cancel-all');
  await cancelAll.click();
  await expect(cancelAll).toHaveText('Cancel every job?');
  await expect(row('slow-again.jpg')).toHaveAttribute('data-state', 'running');
  await cancelAll.click();
  await expect(cancelAll).toHaveText('Cancel all');
  await expect(row('slow-again.jpg')).toHaveAttribute('data-state', 'failed');
  await expect(row('small-4.jpg')).toHaveAttribute('data-state', 'failed');
  await expect(row('small-2.jpg')).toHaveAttribute('data-state', 'done');
});

import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { Bundle } from '../test/bundle-checks';
import { imageBundleProblems } from '../test/bundle-checks';
import { makeFixtures } from '../test/fixtures';
import { addFiles, exportBundle, openApp, waitSettled } from './app';

const BASE = 'https://example.org/iiif';
const NAMES = ['photo 3000×2000.jpg', 'rotated-6.jpg', 'alpha.png', 'small 200x150.png', 'deep-16bit.png'];

function readFolder(root: string, dir = root): Bundle {
  const files: Bundle = new Map();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const [k, v] of readFolder(root, path)) files.set(k, v);
    else files.set(relative(root, path), new Uint8Array(readFileSync(path)));
  }
  return files;
}

/** Each JSON document and index.html of two bundles compare equal, the report's times aside; returns how many JSON. */
function sameDocuments(a: Bundle, b: Bundle): number {
  const text = (bundle: Bundle, path: string) => new TextDecoder().decode(bundle.get(path));
  const json = (bundle: Bundle, path: string) => {
    const value = JSON.parse(text(bundle, path)) as { rows?: { ms?: number }[]; totals?: { ms?: number } };
    if (path === 'report.json') {
      for (const row of value.rows ?? []) delete row.ms;
      delete value.totals?.ms;
    }
    return value;
  };
  const paths = [...b.keys()].filter((k) => k.endsWith('.json'));
  for (const path of paths) expect(json(a, path), path).toEqual(json(b, path));
  expect(text(a, 'index.html')).toBe(text(b, 'index.html'));
  return paths.length;
}

async function cli(args: string[]) {
  try {
    const { stderr } = await promisify(execFile)('node', ['dist-cli/vitrine.js', ...args]);
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

test('the CLI and the app make the same bundle from the same five images', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-cli-'));
  const fixtures = (await makeFixtures()).filter((f) => NAMES.includes(f.name));
  const paths = fixtures.map((f) => {
    writeFileSync(join(dir, f.name), f.buffer);
    return join(dir, f.name);
  });
  const out = join(dir, 'bundle');
  const run = await cli(['tile', ...paths, '--out', out, '--base-url', BASE, '--jobs', '2']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain('5 done, 0 failed, 0 skipped');
  const fromCli = readFolder(out);

  await openApp(page);
  await addFiles(page, fixtures);
  const outcomes = await waitSettled(page, 5);
  const fromApp = await exportBundle(page, BASE);

  expect([...fromCli.keys()].sort()).toEqual([...fromApp.keys()].sort());
  expect(sameDocuments(fromCli, fromApp)).toBe(13);
  for (const o of outcomes) expect(await imageBundleProblems(fromCli, o.id, BASE), o.name).toEqual([]);
});

test('the CLI finishes the rest of a batch, lists failures and exits non-zero; folders skip non-images', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-cli-'));
  const fixtures = (await makeFixtures()).filter((f) =>
    ['one-pixel.png', 'empty.jpg', 'rotated-3.jpg'].includes(f.name),
  );
  for (const f of fixtures) writeFileSync(join(dir, f.name), f.buffer);
  writeFileSync(join(dir, 'README.txt'), 'not an image\n');
  const outputs = mkdtempSync(join(tmpdir(), 'vitrine-cli-out-'));
  const out = join(outputs, 'bundle');
  // An empty file named .jpg is given by name: it fails. The text file is found in the folder: skipped.
  const run = await cli([
    'tile',
    join(dir, 'empty.jpg'),
    join(dir, 'one-pixel.png'),
    join(dir, 'rotated-3.jpg'),
    '--out',
    out,
    '--base-url',
    BASE,
  ]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`Failed files:\n  ${join(dir, 'empty.jpg')}: Not an image: detected an empty file`);
  expect(run.stderr).toContain('2 done, 1 failed, 0 skipped');
  const folderRun = await cli(['tile', dir, '--out', join(outputs, 'bundle2'), '--base-url', BASE]);
  expect(folderRun.stderr).toContain(`skipped (not an image): ${join(dir, 'README.txt')}`);
  expect(folderRun.stderr).toContain(`skipped (not an image): ${join(dir, 'empty.jpg')}`);
  expect(folderRun.code).toBe(0);
  expect(folderRun.stderr).toContain('2 done, 0 failed, 2 skipped');
  const bundle = readFolder(out);
  expect(bundle.has('one-pixel/info.json') && bundle.has('rotated-3/manifest.json')).toBe(true);
  expect([...bundle.keys()].some((k) => k.startsWith('empty/'))).toBe(false);
});

test('separate CLI runs into one folder, then collect: one collection and index over all, for a new base URL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-cli-'));
  const fixtures = (await makeFixtures()).filter((f) =>
    ['one-pixel.png', 'alpha.png', 'rotated-6.jpg'].includes(f.name),
  );
  const out = join(mkdtempSync(join(tmpdir(), 'vitrine-cli-out-')), 'bundle');
  const csv = join(dir, 'catalogue.csv');
  writeFileSync(csv, 'file,title,date,Maker\nalpha,Alpha study,1901-02-03,Zoë\n');
  for (const f of fixtures) {
    writeFileSync(join(dir, f.name), f.buffer);
    const run = await cli(['tile', join(dir, f.name), '--out', out, '--base-url', BASE, '--metadata', csv]);
    expect(run.code, run.stderr).toBe(0);
  }
  const published = 'https://cdn.example.net/collections/2026';
  const collect = await cli(['collect', out, '--base-url', published, '--title', 'Three studies']);
  expect(collect.code, collect.stderr).toBe(0);
  expect(collect.stderr).toContain(`3 images collected in ${out} for ${published}`);
  const bundle = readFolder(out);
  const collection = JSON.parse(new TextDecoder().decode(bundle.get('collection.json'))) as {
    label: unknown;
    items: { id: string }[];
  };
  expect(collection.label).toEqual({ none: ['Three studies'] });
  expect(collection.items.map((i) => i.id)).toEqual(
    ['alpha', 'one-pixel', 'rotated-6'].map((id) => `${published}/${id}/manifest.json`),
  );
  const index = JSON.parse(new TextDecoder().decode(bundle.get('index.json'))) as { id: string; label: string }[];
  expect(index.map((e) => [e.id, e.label])).toEqual([
    ['alpha', 'Alpha study'],
    ['one-pixel', 'one-pixel'],
    ['rotated-6', 'rotated-6'],
  ]);
  const alpha = JSON.parse(new TextDecoder().decode(bundle.get('alpha/manifest.json'))) as Record<string, unknown>;
  expect(alpha.navDate).toBe('1901-02-03T00:00:00Z');
  expect(alpha.metadata).toEqual([{ label: { none: ['Maker'] }, value: { none: ['Zoë'] } }]);
  for (const id of ['alpha', 'one-pixel', 'rotated-6'])
    expect(await imageBundleProblems(bundle, id, published), id).toEqual([]);
});

test('objects from nested folders and a table: the CLI writes the same manifests, collection, index and report as the app', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const root = mkdtempSync(join(tmpdir(), 'vitrine-cli-objects-'));
  const archive = join(root, 'archive');
  const write = async (folder: string, name: string, n: number) => {
    mkdirSync(join(archive, folder), { recursive: true });
    const background = { r: (n * 40) % 256, g: (n * 90) % 256, b: 200 };
    await sharp({ create: { width: 320 + n, height: 240, channels: 3, background } })
      .png()
      .toFile(join(archive, folder, name));
  };
  for (const n of [10, 2, 1, 7, 3, 9, 4, 8, 5, 6]) await write('shelf/book-a', `a-${n}.png`, n);
  for (const n of [3, 1, 2]) await write('shelf/book-b', `b-${n}.png`, n + 20);
  await write('', 'cover.png', 30);
  const csv = join(root, 'table.csv');
  writeFileSync(
    csv,
    [
      'file,object,sequence,section,title',
      ',book-a,,,The first book',
      'a-1.png,,,Front,',
      'a-2.png,,,Front,',
      'a-3.png,,,Body,',
      'b-3.png,Letters,2,,Letter two',
      'b-2.png,Letters,1,,Letter one',
    ].join('\n'),
  );
  const out = join(root, 'bundle');
  const run = await cli(['tile', archive, '--objects', 'folders', '--metadata', csv, '--out', out, '--base-url', BASE]);
  expect(run.code, run.stderr).toBe(0);
  const fromCli = readFolder(out);

  await openApp(page);
  await page.getByTestId('objects-mode').selectOption('folders');
  await page.getByTestId('folder-input').setInputFiles(archive);
  await waitSettled(page, 14);
  await page.getByTestId('metadata-input').setInputFiles(csv);
  await expect(page.getByTestId('metadata-objects')).toContainText('Letters: 2 images');
  await page.getByTestId('metadata-apply').click();
  await expect(page.getByTestId('metadata-applied')).toBeVisible();
  const fromApp = await exportBundle(page, BASE);

  expect([...fromCli.keys()].sort()).toEqual([...fromApp.keys()].sort());
  sameDocuments(fromCli, fromApp);
  const manifest = (path: string) =>
    JSON.parse(new TextDecoder().decode(fromApp.get(path))) as { label: unknown; items: { id: string }[] };
  const book = manifest('book-a/manifest.json');
  expect(book.label).toEqual({ none: ['The first book'] });
  expect(book.items.map((c) => c.id.split('/').at(-3))).toEqual(Array.from({ length: 10 }, (_, i) => `a-${i + 1}`));
  expect(manifest('letters/manifest.json').items.map((c) => c.id.split('/').at(-3))).toEqual(['b-2', 'b-3']);
  expect(manifest('book-b/manifest.json').items.map((c) => c.id.split('/').at(-3))).toEqual(['b-1']);

  // collect reads the objects back from their manifests: rewritten for the same base URL, nothing changes.
  const collect = await cli(['collect', out, '--base-url', BASE]);
  expect(collect.code, collect.stderr).toBe(0);
  const collected = readFolder(out);
  for (const path of [...fromCli.keys()].filter((k) => k.endsWith('.json') && k !== 'report.json'))
    expect(collected.get(path), path).toEqual(fromCli.get(path));
});

test('--tiff and --image-api 2: the CLI writes the same TIFFs, 2.1 documents and file names as the app', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-cli-'));
  const fixtures = (await makeFixtures()).filter((f) => ['photo 3000×2000.jpg', 'small 200x150.png'].includes(f.name));
  const paths = fixtures.map((f) => {
    writeFileSync(join(dir, f.name), f.buffer);
    return join(dir, f.name);
  });
  const out = join(dir, 'bundle');
  const run = await cli(['tile', ...paths, '--out', out, '--base-url', BASE, '--tiff', '--image-api', '2']);
  expect(run.code, run.stderr).toBe(0);
  const fromCli = readFolder(out);

  await openApp(page);
  await addFiles(page, fixtures);
  await waitSettled(page, 2);
  await page.getByTestId('export-content').selectOption('both');
  await page.getByTestId('export-iiif-version').selectOption('2+3');
  const fromApp = await exportBundle(page, BASE);

  expect([...fromCli.keys()].sort()).toEqual([...fromApp.keys()].sort());
  expect([...fromCli.keys()].filter((k) => k.startsWith('tiff/'))).toHaveLength(2);
  expect(sameDocuments(fromCli, fromApp)).toBe(10);
  // Tiles and TIFFs byte for byte: the same engine, the same padding of edge tiles.
  for (const [path, bytes] of fromApp)
    if (!/\.(json|html|js|csv)$/.test(path)) expect(fromCli.get(path), path).toEqual(bytes);
  const refused = await cli(['collect', out, '--base-url', BASE]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('is Image API 2.1: collect rewrites Image API 3 bundles only');
});

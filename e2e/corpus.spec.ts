import { expect, test } from '@playwright/test';
import { openAsBlob } from 'node:fs';
import { resolve } from 'node:path';
import { fullResolutionPages } from '../src/shared/tiff-pages';
import { imageBundleProblems, type Bundle } from '../test/bundle-checks';
import { CORPUS_DIR, corpusEntries, hasCorpus, uprightSize, type CorpusEntry } from '../test/corpus';
import { blockColour, colourDistance, decodeRgb, meanDifference } from '../test/pixels';
import { addFiles, exportBundle, openApp, waitSettled, type JobOutcome } from './app';

const BASE = 'https://example.org/iiif';

test.describe('the shared corpus, every file through the app', () => {
  test.skip(!hasCorpus, 'needs ../shared/corpus beside the checkout');
  test.setTimeout(900_000);

  let bundle: Bundle;
  let outcomes: Map<string, JobOutcome>;
  const entries: CorpusEntry[] = hasCorpus ? corpusEntries() : [];
  // Several files share a base name across folders: rows are matched by the order they were added.
  // A multi-page TIFF adds one row per full-resolution page; its first page's row stands for the file.
  const byPath = new Map<string, JobOutcome>();
  const laterPages: { path: string; outcome: JobOutcome }[] = [];

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await openApp(page);
    await addFiles(
      page,
      entries.map((e) => resolve(CORPUS_DIR, e.path)),
    );
    const pages = await Promise.all(
      entries.map(async (e) => fullResolutionPages(await openAsBlob(resolve(CORPUS_DIR, e.path)))),
    );
    const settled = await waitSettled(
      page,
      pages.reduce((n, p) => n + p, 0),
      800_000,
    );
    let row = 0;
    entries.forEach((e, i) => {
      byPath.set(e.path, settled[row]!);
      for (let p = 1; p < pages[i]!; p++) laterPages.push({ path: e.path, outcome: settled[row + p]! });
      row += pages[i]!;
    });
    outcomes = new Map(settled.map((o) => [o.id, o]));
    bundle = await exportBundle(page, BASE);
    await page.close();
  });

  test('every file ends done', () => {
    for (const e of entries) {
      const o = byPath.get(e.path)!;
      expect(o.name).toBe(e.path.split('/').pop());
      expect(o.state, `${e.path}: ${o.error}`).toBe('done');
    }
    for (const { path, outcome } of laterPages) expect(outcome.state, `${path}: ${outcome.error}`).toBe('done');
    expect(outcomes.size).toBe(entries.length + laterPages.length);
  });

  test('every finished image is a correct level-0 bundle at its upright size', async () => {
    for (const e of entries) {
      const o = byPath.get(e.path)!;
      if (o.state !== 'done') continue;
      const [width, height] = uprightSize(e);
      const options = { manifest: !laterPages.some((p) => p.path === e.path) };
      expect(await imageBundleProblems(bundle, o.id, BASE, { width, height }, options), e.path).toEqual([]);
    }
    for (const { path, outcome } of laterPages)
      expect(await imageBundleProblems(bundle, outcome.id, BASE, undefined, { manifest: false }), path).toEqual([]);
    expect(bundle.has('collection.json')).toBe(true);
    expect(bundle.has('index.html')).toBe(true);
  });

  test('EXIF-rotated images come out upright', async () => {
    const max = (path: string) => bundle.get(`${byPath.get(path)!.id}/full/max/0/default.jpg`)!;
    const reference = max('orientation/imaging-orientation_0.jpg');
    for (let n = 1; n <= 8; n++) {
      const diff = await meanDifference(reference, max(`orientation/imaging-orientation_${n}.jpg`));
      expect(diff, `orientation ${n}`).toBeLessThan(6);
    }
    // A wrong turn must be visible at this tolerance, or the check above proves nothing.
    for (const n of [3, 6]) {
      const unrotated = resolve(CORPUS_DIR, `orientation/imaging-orientation_${n}.jpg`);
      expect(await meanDifference(reference, unrotated), `orientation ${n} left unrotated`).toBeGreaterThan(20);
    }
    const upright = resolve(CORPUS_DIR, 'jpeg/pixbuf-bug725582-testrotate.png');
    expect(await meanDifference(max('jpeg/pixbuf-bug725582-testrotate.jpg'), upright)).toBeLessThan(8);
    const sideways = resolve(CORPUS_DIR, 'jpeg/pixbuf-bug725582-testrotate.jpg');
    expect(await meanDifference(max('jpeg/pixbuf-bug725582-testrotate.jpg'), sideways)).toBeGreaterThan(20);
  });

  test('ICC images (Adobe RGB, Display P3) are converted to sRGB', async () => {
    for (const path of ['jpeg/skimage-rocket.jpg', 'png/jxl-P3-sRGB-color-ring.png']) {
      const source = resolve(CORPUS_DIR, path);
      const converted = await decodeRgb(source);
      const naive = await decodeRgb(source, { ignoreIcc: true });
      const ours = await decodeRgb(bundle.get(`${byPath.get(path)!.id}/full/max/0/default.jpg`)!);
      expect(ours.info.width).toBe(converted.info.width);
      // The pixel where ignoring the profile would be most wrong: ours must match the converted colour.
      let best = { x: 0, y: 0, gap: -1 };
      for (let y = 4; y < converted.info.height - 4; y += 8) {
        for (let x = 4; x < converted.info.width - 4; x += 8) {
          const gap = colourDistance(blockColour(converted, x, y), blockColour(naive, x, y));
          if (gap > best.gap) best = { x, y, gap };
        }
      }
      expect(best.gap, path).toBeGreaterThan(20);
      const mine = blockColour(ours, best.x, best.y);
      expect(colourDistance(mine, blockColour(converted, best.x, best.y)), path).toBeLessThan(8);
      expect(colourDistance(mine, blockColour(naive, best.x, best.y)), path).toBeGreaterThan(12);
    }
  });
});

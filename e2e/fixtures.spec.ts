import { expect, test } from '@playwright/test';
import { imageBundleProblems, readJson, type Bundle } from '../test/bundle-checks';
import { asymmetric, makeFixtures, type Fixture } from '../test/fixtures';
import { blockColour, colourDistance, decodeRgb, meanDifference } from '../test/pixels';
import { addFiles, exportBundle, openApp, waitSettled, type JobOutcome } from './app';

const BASE = 'https://iiif.example.net/bundles/test';

// Fixtures made by the tests themselves: this suite runs on a fresh clone without ../shared.
test.describe('generated fixtures through the app', () => {
  test.setTimeout(300_000);
  let fixtures: Fixture[];
  let outcomes: JobOutcome[];
  let bundle: Bundle;
  const idOf = (name: string) => outcomes.find((o) => o.name === name)!.id;
  const max = (name: string) => bundle.get(`${idOf(name)}/full/max/0/default.jpg`)!;

  test.beforeAll(async ({ browser }) => {
    fixtures = await makeFixtures();
    const page = await browser.newPage();
    await openApp(page);
    await addFiles(page, fixtures);
    outcomes = await waitSettled(page, fixtures.length);
    bundle = await exportBundle(page, `${BASE}/`);
    await page.close();
  });

  test('each file ends as expected: done and correct, or failed with a named reason', async () => {
    for (const f of fixtures) {
      const o = outcomes.find((x) => x.name === f.name)!;
      if ('error' in f.expect) {
        expect(o.state, f.name).toBe('failed');
        expect(o.error, f.name).toMatch(f.expect.error);
        expect(
          [...bundle.keys()].some((k) => k.startsWith(`${o.id}/`)),
          `${f.name} left files`,
        ).toBe(false);
      } else {
        expect(o.state, `${f.name}: ${o.error}`).toBe('done');
        expect(await imageBundleProblems(bundle, o.id, BASE, f.expect), f.name).toEqual([]);
      }
    }
  });

  test('ids are safe and unique, the base URL loses its trailing slash', () => {
    const ids = outcomes.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
    expect(readJson<{ id: string }>(bundle, `${idOf('photo 3000×2000.jpg')}/info.json`).id).toBe(
      `${BASE}/${idOf('photo 3000×2000.jpg')}`,
    );
  });

  test('a large image declares its capped full/max', () => {
    const info = readJson<{ maxWidth?: number; sizes: unknown[] }>(bundle, `${idOf('wide-20000x1.png')}/info.json`);
    expect(info.maxWidth).toBe(2500);
    expect(info.sizes.at(-1)).toEqual({ width: 2500, height: 1 });
  });

  test('EXIF orientation 6 and 3 are applied to the pixels', async () => {
    const upright6 = await (await asymmetric(600, 400)).rotate(90).png().toBuffer();
    const upright3 = await (await asymmetric(600, 400)).rotate(180).png().toBuffer();
    expect(await meanDifference(max('rotated-6.jpg'), upright6)).toBeLessThan(4);
    expect(await meanDifference(max('rotated-3.jpg'), upright3)).toBeLessThan(4);
    expect(
      await meanDifference(max('rotated-3.jpg'), await (await asymmetric(600, 400)).png().toBuffer()),
    ).toBeGreaterThan(20);
  });

  test('alpha is flattened onto white and 16-bit keeps its colour', async () => {
    const alpha = await decodeRgb(max('alpha.png'));
    expect(colourDistance(blockColour(alpha, 50, 100), [40, 120, 200])).toBeLessThan(4);
    expect(colourDistance(blockColour(alpha, 250, 100), [255, 255, 255])).toBeLessThan(4);
    const deep = await decodeRgb(max('deep-16bit.png'));
    expect(colourDistance(blockColour(deep, 150, 150), [40, 120, 200])).toBeLessThan(4);
  });

  test('the collection lists every finished image', () => {
    const collection = readJson<{ id: string; items: { id: string }[] }>(bundle, 'collection.json');
    expect(collection.id).toBe(`${BASE}/collection.json`);
    const done = outcomes.filter((o) => o.state === 'done');
    expect(collection.items.map((i) => i.id).sort()).toEqual(done.map((o) => `${BASE}/${o.id}/manifest.json`).sort());
  });
});

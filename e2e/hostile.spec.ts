import { expect, test } from '@playwright/test';
import { makeHostileSet } from '../scripts/make-hostile-set.mjs';
import { imageBundleProblems } from '../test/bundle-checks';
import { dropFiles, exportBundle, jobOutcomes, openApp, waitSettled } from './app';

const BASE = 'https://example.org/iiif';

test('a hostile batch: every file ends as expected, good ones finish, the page survives', async ({ page }) => {
  test.setTimeout(600_000);
  const files = await makeHostileSet();
  await openApp(page);
  const started = Date.now();
  await dropFiles(page, files);
  // Bounded: the whole batch, hostile files included, settles in a few seconds a file at most.
  const outcomes = await waitSettled(page, files.length, files.length * 10_000);
  const elapsed = Date.now() - started;
  console.log(`${files.length} files settled in ${elapsed} ms`);

  const report = files.map((f, i) => ({ name: f.name, expect: f.expect, got: outcomes[i]! }));
  const mismatches = report.flatMap(({ name, expect: wanted, got }) => {
    const ok =
      got.name === name &&
      (wanted.state === 'done' ? got.state === 'done' : got.state === 'failed' && wanted.error.test(got.error ?? ''));
    return ok
      ? []
      : [
          `${JSON.stringify(name)}: expected ${wanted.state === 'done' ? 'done' : wanted.error}, got ${got.state} ${got.error ?? ''}`,
        ];
  });
  expect(mismatches).toEqual([]);

  // Names are only labels: ids are safe, unique and never derived into markup.
  const ids = outcomes.map((o) => o.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/);
  expect(await page.locator('img[src="x"], script:not([src])').count()).toBe(0);
  expect(await page.evaluate(() => 1 + 1)).toBe(2);

  const bundle = await exportBundle(page, BASE);
  // ZIP entry names: relative, no `..`, no backslash, percent sign, quote, space or control character.
  for (const name of bundle.keys()) expect(name).toMatch(/^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9.,/_-]*$/);
  for (const { got } of report.filter((r) => r.expect.state === 'done')) {
    expect(await imageBundleProblems(bundle, got.id, BASE), got.name).toEqual([]);
  }
  // Nothing from a failed file reached the bundle.
  for (const { got } of report.filter((r) => r.expect.state === 'failed')) {
    expect(
      [...bundle.keys()].some((k) => k.startsWith(`${got.id}/`)),
      got.name,
    ).toBe(false);
  }
  // A reload finds the same outcomes: nothing finished was lost.
  await page.reload();
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-ready', 'true');
  expect(await jobOutcomes(page)).toEqual(outcomes);
});

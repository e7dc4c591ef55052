import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { readJson } from '../test/bundle-checks';
import { damagedFiles } from '../test/damaged-fixtures';
import { dropFiles, exportBundle, openApp, waitSettled, openAdvanced } from './app';

const BASE = 'https://example.org/damaged';

async function dropBatch(page: Page) {
  const damaged = await damagedFiles();
  const good = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#369' } })
    .png()
    .toBuffer();
  await dropFiles(page, [...damaged.map((f) => ({ name: f.name, bytes: f.bytes })), { name: 'good.png', bytes: good }]);
  return { damaged, outcomes: await waitSettled(page, damaged.length + 1) };
}

test('the four damaged kinds fail by default, each with its reason; the good file beside them tiles', async ({
  page,
}) => {
  await openApp(page);
  const { damaged, outcomes } = await dropBatch(page);
  for (const f of damaged) {
    const o = outcomes.find((x) => x.name === f.name)!;
    expect(o.state, f.name).toBe('failed');
    expect(o.error, f.name).toMatch(f.reason);
  }
  expect(outcomes.find((o) => o.name === 'good.png')!.state).toBe('done');
});

test('with "Accept damaged files" on they tile, each row and manifest carrying the warning', async ({ page }) => {
  await openApp(page);
  await openAdvanced(page);
  await page.getByTestId('allow-damaged').check();
  const { damaged, outcomes } = await dropBatch(page);
  const bundle = await exportBundle(page, BASE);
  for (const f of damaged) {
    const o = outcomes.find((x) => x.name === f.name)!;
    expect(o.state, f.name).toBe('done');
    const warning = page.locator(`[data-testid=job][data-image-id="${o.id}"] [data-testid=job-warning]`);
    await expect(warning).toHaveText(new RegExp(`^Damaged file, tiled anyway: ${f.reason.source.replace(/^\^/, '')}`));
    const manifest = readJson<{ metadata?: { label: { none: string[] }; value: { none: string[] } }[] }>(
      bundle,
      `${o.id}/manifest.json`,
    );
    const entry = manifest.metadata?.find((m) => m.label.none[0] === 'Damaged file');
    expect(entry?.value.none[0], f.name).toMatch(f.reason);
  }
  const good = outcomes.find((o) => o.name === 'good.png')!;
  expect(good.state).toBe('done');
  await expect(page.locator(`[data-testid=job][data-image-id="${good.id}"] [data-testid=job-warning]`)).toHaveCount(0);
  expect(readJson<{ metadata?: unknown }>(bundle, `${good.id}/manifest.json`).metadata).toBeUndefined();
});

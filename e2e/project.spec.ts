import { expect, test, type Page } from '@playwright/test';
import { readJson } from '../test/bundle-checks';
import { storedPaths } from '../scripts/measure-in-page.mjs';
import { makeFixtures } from '../test/fixtures';
import { addFiles, exportBundle, openApp, waitSettled } from './app';

/** Stored files of one image, counted straight from IndexedDB in the page. */
async function storedFileCount(page: Page, imageId: string): Promise<number> {
  return (await page.evaluate(storedPaths, imageId)).length;
}

test('finished images survive a reload; deleting one frees its storage and keeps the others', async ({ page }) => {
  const fixtures = (await makeFixtures()).filter((f) =>
    ['small 200x150.png', 'rotated-6.jpg', 'alpha.png'].includes(f.name),
  );
  await openApp(page);
  await addFiles(page, fixtures);
  const before = await waitSettled(page, 3);
  expect(before.map((o) => o.state)).toEqual(['done', 'done', 'done']);
  const [first, second] = before;
  expect(await storedFileCount(page, first!.id)).toBeGreaterThan(0);

  await page.reload();
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-ready', 'true');
  const after = await waitSettled(page, 3);
  expect(after).toEqual(before);

  // Delete takes the image out at once and keeps its tiles until the undo window closes.
  const stored = await storedFileCount(page, first!.id);
  const remove = page.locator(`[data-testid=job][data-image-id="${first!.id}"] [data-testid=delete-image]`);
  await remove.click();
  await expect(page.getByTestId('job')).toHaveCount(2);
  await expect(page.getByTestId('undo-note')).toHaveText(`Deleted “${first!.name}”.Undo`);
  await expect(page.getByTestId('undo-delete')).toBeFocused();
  expect(await storedFileCount(page, first!.id)).toBe(stored);
  await page.getByTestId('undo-delete').click();
  await expect(page.getByTestId('job')).toHaveCount(3);
  await expect(page.getByTestId('job').first()).toHaveAttribute('data-image-id', first!.id);
  expect(await storedFileCount(page, first!.id)).toBe(stored);

  // Not undone, the delete reaches storage when the window closes; the other images keep theirs.
  await remove.click();
  await expect(page.getByTestId('job')).toHaveCount(2);
  await expect.poll(() => storedFileCount(page, first!.id), { timeout: 20_000 }).toBe(0);
  await expect(page.getByTestId('undo-note')).toHaveCount(0);
  const kept = await storedFileCount(page, second!.id);
  expect(kept).toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('job')).toHaveCount(2);

  const bundle = await exportBundle(page, 'https://example.org/iiif');
  expect([...bundle.keys()].some((k) => k.startsWith(`${first!.id}/`))).toBe(false);
  expect([...bundle.keys()].filter((k) => k.startsWith(`${second!.id}/`) && !k.endsWith('.json'))).toHaveLength(kept);
});

test('descriptive metadata entered in the form is in the exported manifest', async ({ page }) => {
  const fixtures = (await makeFixtures()).filter((f) => f.name === 'small 200x150.png');
  await openApp(page);
  await addFiles(page, fixtures);
  const [outcome] = await waitSettled(page, 1);
  const row = page.locator(`[data-testid=job][data-image-id="${outcome!.id}"]`);
  await row.getByText('Describe').click();
  await row.getByTestId('label').fill('Blue study, “no. 2”');
  await row.locator('textarea[name=summary]').fill('A plain blue field.');
  await row.locator('input[name=rights]').fill('https://creativecommons.org/licenses/by/4.0/');
  await row.locator('input[name=attribution]').fill('Example Museum');
  await row.locator('textarea[name=metadata]').fill('Creator: Jane Doe\nDate: 1890');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row.locator('.describe-status')).toHaveText('Saved');

  const bundle = await exportBundle(page, 'https://example.org/iiif');
  const manifest = readJson<Record<string, unknown>>(bundle, `${outcome!.id}/manifest.json`);
  expect(manifest.label).toEqual({ none: ['Blue study, “no. 2”'] });
  expect(manifest.summary).toEqual({ none: ['A plain blue field.'] });
  expect(manifest.rights).toBe('http://creativecommons.org/licenses/by/4.0/');
  expect(manifest.requiredStatement).toEqual({ label: { none: ['Attribution'] }, value: { none: ['Example Museum'] } });
  expect(manifest.metadata).toEqual([
    { label: { none: ['Creator'] }, value: { none: ['Jane Doe'] } },
    { label: { none: ['Date'] }, value: { none: ['1890'] } },
  ]);

  await row.locator('input[name=rights]').fill('https://example.com/my-licence');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row.locator('.describe-status')).toHaveText(/Creative Commons or RightsStatements/);
});

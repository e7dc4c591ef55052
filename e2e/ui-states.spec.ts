import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { addFiles, openApp, waitSettled } from './app';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact?: string | null;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical findings on the page as it is now (or inside `include`). The script is
 * evaluated, not added as a tag, so the page's Content-Security-Policy does not stop it.
 */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run(c: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(context ?? document)).violations;
  }, include ?? null);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();

for (const scheme of ['light', 'dark'] as const) {
  test(`the empty page (${scheme}): actions that cannot act are disabled with the reason, and axe finds nothing serious`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page);
    for (const id of ['export-zip', 'open-mirador-collection', 'upload-start']) {
      await expect(page.getByTestId(id)).toBeDisabled();
      await expect(page.getByTestId(id)).toHaveAttribute('title', /No finished images yet/);
    }
    await expect(page.getByTestId('cancel-all')).toBeDisabled();
    await expect(page.getByTestId('cancel-all')).toHaveAttribute('title', 'Nothing is queued or tiling');
    await expect(page.getByTestId('jobs-empty')).toBeVisible();
    await expect(page.getByTestId('advanced-settings')).not.toHaveAttribute('open');
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('a running batch, a refused file and the viewer: states, controls and accessibility', async ({ page }) => {
  await openApp(page);
  await addFiles(page, [
    { name: 'big.jpg', mimeType: 'image/jpeg', buffer: await picture(6000, 4000) },
    { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all\n') },
  ]);
  await expect(page.locator('[data-testid=job][data-state=running]')).toHaveCount(1);
  await expect(page.getByTestId('cancel-all')).toBeEnabled();
  await expect(page.getByTestId('batch-progress')).toContainText('of 2 done');
  expect(await seriousViolations(page)).toEqual([]);
  const outcomes = await waitSettled(page, 2);
  const refused = page.locator('[data-testid=job][data-name="notes.jpg"]');
  await expect(refused).toHaveAttribute('data-state', 'failed');
  // A file that can never work is not offered a retry; a finished image's row is not offered Cancel.
  await expect(refused.getByTestId('retry-image')).toHaveCount(0);
  await expect(refused.getByTestId('delete-image')).toHaveClass(/danger/);
  await expect(page.getByTestId('batch-progress')).toHaveText('1 of 2 done · 1 failed');
  // 6000×4000 at 256 px: 24×16 + 12×8 + 6×4 + 3×2 + 2×1 + 1 tiles over six levels.
  await expect(page.locator('[data-testid=job][data-name="big.jpg"] .job-tiles')).toHaveText('513 tiles');
  await expect(page.getByTestId('export-zip')).toBeEnabled();
  expect(await seriousViolations(page)).toEqual([]);

  const big = outcomes.find((o) => o.name === 'big.jpg')!;
  await page.locator(`[data-testid=job][data-image-id="${big.id}"] [data-testid=view-image]`).click();
  const dialog = page.getByRole('dialog', { name: 'big' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.navigator')).toBeVisible();
  const scale = page.getByTestId('viewer-scale');
  await expect(scale).toContainText('of 6000 × 4000 px');
  const before = await scale.textContent();
  await page.getByTestId('viewer-zoom-in').click();
  await expect(scale).not.toHaveText(before!);
  expect(await seriousViolations(page, '[data-testid=viewer-dialog]')).toEqual([]);
});

test('at 360 px wide nothing overflows sideways, and the pickers are reached by keyboard with a visible focus', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openApp(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.keyboard.press('Tab');
  for (let i = 0; i < 5 && !(await page.getByTestId('file-input').evaluate((e) => e === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(page.getByTestId('file-input')).toBeFocused();
  const outline = await page.getByTestId('drop-zone').evaluate((zone) => getComputedStyle(zone).outlineStyle);
  expect(outline).toBe('solid');
});

test('the whole flow by keyboard alone: pick a file, watch it finish, view and zoom, set the base URL, export', async ({
  page,
}) => {
  await openApp(page);
  /** Presses Tab until the element with this test id has the focus. */
  const tabTo = async (testId: string) => {
    for (let i = 0; i < 80; i++) {
      if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${testId}`);
  };
  await tabTo('file-input');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles({ name: 'folio.jpg', mimeType: 'image/jpeg', buffer: await picture(1500, 1000) });
  await waitSettled(page, 1);
  await expect(page.getByTestId('job-announcer')).toHaveText('folio.jpg: done');
  await tabTo('view-image');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'folio' })).toBeVisible();
  const scale = page.getByTestId('viewer-scale');
  await expect(scale).toContainText('of 1500 × 1000 px');
  const before = await scale.textContent();
  await tabTo('viewer-zoom-in');
  await page.keyboard.press('Enter');
  await expect(scale).not.toHaveText(before!);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('viewer-dialog')).toBeHidden();
  await tabTo('base-url');
  await page.keyboard.type('https://example.org/iiif');
  await tabTo('export-zip');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('Untitled-collection.zip');
  await expect(page.getByTestId('export-status')).toContainText('Exported 1 image to Untitled-collection.zip');
});

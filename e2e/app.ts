import { expect, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import type { Bundle } from '../test/bundle-checks';

export type FileInput = string | { name: string; mimeType: string; buffer: Buffer };

export interface JobOutcome {
  name: string;
  id: string;
  state: string;
  error: string | null;
}

/** Opens the app, failing the test on any uncaught page error. */
export async function openApp(page: Page): Promise<void> {
  page.on('pageerror', (error) => {
    throw new Error(`page error: ${error.message}`);
  });
  await page.goto('/');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-ready', 'true');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
}

/** Opens Settings → Advanced, where the worker count, the stall limit and the damage policy are. */
export async function openAdvanced(page: Page): Promise<void> {
  const details = page.getByTestId('advanced-settings');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
}

export async function addFiles(page: Page, files: FileInput[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(files as Parameters<Page['setInputFiles']>[1]);
}

/** Waits until `count` rows exist and none is queued or running. */
export async function waitSettled(page: Page, count: number, timeout = 300_000): Promise<JobOutcome[]> {
  await expect(page.getByTestId('job')).toHaveCount(count, { timeout });
  await expect(page.locator('[data-testid=job][data-state=queued], [data-testid=job][data-state=running]')).toHaveCount(
    0,
    {
      timeout,
    },
  );
  return jobOutcomes(page);
}

export function jobOutcomes(page: Page): Promise<JobOutcome[]> {
  return page.getByTestId('job').evaluateAll((rows) =>
    rows.map((row) => ({
      name: row.getAttribute('data-name') ?? '',
      id: row.getAttribute('data-image-id') ?? '',
      state: row.getAttribute('data-state') ?? '',
      error: row.querySelector('[data-testid=job-error]')?.textContent ?? null,
    })),
  );
}

/** Sets the base URL, clicks Download ZIP and returns the unzipped bundle. */
export async function exportBundle(page: Page, baseUrl: string): Promise<Bundle> {
  await page.getByTestId('base-url').fill(baseUrl);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-zip').click()]);
  const path = await download.path();
  const entries = unzipSync(new Uint8Array(await readFile(path)));
  return new Map(Object.entries(entries).filter(([name]) => !name.endsWith('/')));
}

/**
 * Drops files on the drop zone as a person would, with exactly these names: Files are built in the page,
 * so names a file system could not hold (slashes, control characters) arrive unchanged.
 */
export async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString('base64') }));
  await page.getByTestId('drop-zone').evaluate((zone, items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name));
    }
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, payload);
}

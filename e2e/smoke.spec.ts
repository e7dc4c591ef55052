import { expect, test } from '@playwright/test';

test('tiles one image', async ({ page }) => {
  page.on('console', (m) => console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto('/');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-ready', 'true');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByTestId('file-input').setInputFiles('/work/shared/corpus/jpeg/skimage-rocket.jpg');
  const job = page.getByTestId('job');
  await expect(job).toHaveAttribute('data-state', /done|failed/, { timeout: 60_000 });
  console.log(await job.getAttribute('data-state'), await job.textContent());
  await page.screenshot({ path: '/tmp/shot1.png' });
});

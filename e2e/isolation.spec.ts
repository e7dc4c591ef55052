import { expect, test } from '@playwright/test';
import { makeFixtures } from '../test/fixtures';

// No service worker here: it would add the headers back (that case is tested in the offline suite).
test.use({ serviceWorkers: 'block' });

test('without cross-origin isolation the page says so plainly and jobs fail with that reason', async ({ page }) => {
  // The same build, served without COOP/COEP, as a static host that sends no headers would.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-ready', 'true');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(page.getByTestId('isolation-warning')).toBeVisible();
  await expect(page.getByTestId('isolation-warning')).toContainText('not cross-origin isolated');
  await page.getByTestId('file-input').setInputFiles((await makeFixtures()).filter((f) => f.name === 'one-pixel.png'));
  const job = page.getByTestId('job');
  await expect(job).toHaveAttribute('data-state', 'failed');
  await expect(job.getByTestId('job-error')).toHaveText(
    'This page is not cross-origin isolated, so libvips cannot start',
  );
  // A fetch still in flight when the test ends (the worker's script) must not fail the next test.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

import { expect, test, type Page } from '@playwright/test';
import { storedFileBase64, storedPaths } from '../scripts/measure-in-page.mjs';
import { fidelityFixtures, fidelityProblems, type StoredReader } from '../test/encoder-fidelity';
import { addFiles, openAdvanced, openApp, waitSettled } from './app';

const reader = (page: Page): StoredReader => ({
  paths: (id) => page.evaluate(storedPaths, id),
  bytes: async (id, path) =>
    Buffer.from(await page.evaluate(storedFileBase64, [id, path] as [string, string]), 'base64'),
});

/** Each fixture's row after a batch: its id, route and upright size. */
const rowsOf = (page: Page) =>
  page.$$eval('[data-testid=job]', (rows) =>
    rows.map((r) => ({
      name: r.getAttribute('data-name')!,
      id: r.getAttribute('data-image-id')!,
      state: r.getAttribute('data-state'),
      route: r.getAttribute('data-route'),
      dims: r.querySelector('.job-dims')?.textContent,
    })),
  );

test('the browser-encoder route: same tiles as libvips within JPEG noise, upright, colour-managed, and recorded', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openApp(page);
  await openAdvanced(page);
  const fixtures = await fidelityFixtures();
  const files = fixtures.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.buffer }));
  await page.getByTestId('encoder').selectOption('libvips');
  await addFiles(page, files);
  await waitSettled(page, fixtures.length);
  await page.getByTestId('encoder').selectOption('browser');
  await addFiles(page, files);
  await waitSettled(page, fixtures.length * 2);
  const rows = await rowsOf(page);
  const report: string[] = [];
  for (const [i, fixture] of fixtures.entries()) {
    const [libvips, browser] = [rows[i]!, rows[i + fixtures.length]!];
    const size = `${fixture.upright.width} × ${fixture.upright.height}`;
    expect([libvips, browser].map((r) => [r.name, r.state, r.dims])).toEqual([
      [fixture.name, 'done', size],
      [fixture.name, 'done', size],
    ]);
    expect([libvips.route, browser.route], fixture.name).toEqual(['libvips', fixture.route]);
    const { problems, fidelity } = await fidelityProblems(
      fixture,
      { libvips: libvips.id, browser: browser.id },
      reader(page),
    );
    expect(problems).toEqual([]);
    if (fidelity)
      report.push(`${fixture.name}: ${fidelity.tiles} tiles, PSNR ${fidelity.psnr.map((p) => p.toFixed(1))} dB`);
  }
  // The notes say who encoded, as the report's route column does.
  await expect(page.getByTestId('job').last().getByTestId('job-notes')).toContainText('Encoded by libvips');
  await expect(page.getByTestId('job').nth(fixtures.length).getByTestId('job-notes')).toContainText(
    "tile rows encoded by the browser's JPEG encoder",
  );
  test.info().annotations.push({ type: 'fidelity', description: report.join('; ') });
  console.log(report.join('\n'));
});

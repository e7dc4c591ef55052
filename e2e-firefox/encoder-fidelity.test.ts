import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedFileBase64, storedPaths } from '../scripts/measure-in-page.mjs';
import { fidelityFixtures, fidelityProblems, type StoredReader } from '../test/encoder-fidelity';
import { inFreshFirefox, openApp, serveApp, settle } from './firefox-app';

const PORT = Number(process.env.VITRINE_FF_FIDELITY_PORT) || 4320;
let app: Awaited<ReturnType<typeof serveApp>>;

const reader = (page: Page): StoredReader => ({
  paths: (id) => page.evaluate(storedPaths, id),
  bytes: async (id, path) =>
    Buffer.from(await page.evaluate(storedFileBase64, [id, path] as [string, string]), 'base64'),
});

const rowsOf = (page: Page) =>
  page.$$eval('[data-testid=job]', (rows) =>
    rows.map((r) => ({
      name: r.getAttribute('data-name'),
      id: r.getAttribute('data-image-id')!,
      state: r.getAttribute('data-state'),
      route: r.getAttribute('data-route'),
      dims: r.querySelector('.job-dims')?.textContent,
    })),
  );

describe("Firefox ESR's own JPEG encoder", () => {
  beforeAll(async () => {
    app = await serveApp(PORT);
  }, 60_000);

  afterAll(() => app?.stop());

  it(
    'when chosen, gives tiles that match libvips within JPEG noise, upright and colour-managed',
    () =>
      inFreshFirefox(async (page) => {
        await openApp(page, app.url);
        const fixtures = await fidelityFixtures();
        const dir = mkdtempSync(join(tmpdir(), 'vitrine-ff-fidelity-'));
        const paths = fixtures.map((f) => {
          writeFileSync(join(dir, f.name), f.buffer);
          return join(dir, f.name);
        });
        const choose = (value: string) => page.select('[data-testid=encoder]', value);
        await page.click('[data-testid=advanced-settings] summary');
        await choose('libvips');
        await (await page.$('[data-testid=file-input]'))!.uploadFile(...paths);
        await settle(page, fixtures.length);
        await choose('browser');
        await (await page.$('[data-testid=file-input]'))!.uploadFile(...paths);
        await settle(page, fixtures.length * 2);
        const rows = await rowsOf(page);
        for (const [i, fixture] of fixtures.entries()) {
          const [libvips, browser] = [rows[i]!, rows[i + fixtures.length]!];
          const size = `${fixture.upright.width} × ${fixture.upright.height}`;
          expect([libvips, browser].map((r) => [r.name, r.state, r.dims, r.route])).toEqual([
            [fixture.name, 'done', size, 'libvips'],
            [fixture.name, 'done', size, fixture.route],
          ]);
          const ids = { libvips: libvips.id, browser: browser.id };
          const { problems, fidelity } = await fidelityProblems(fixture, ids, reader(page));
          expect(problems).toEqual([]);
          if (fidelity)
            console.log(
              `${fixture.name}: ${fidelity.tiles} tiles, PSNR ${fidelity.psnr.map((p) => p.toFixed(1))} dB, mean shift ${fidelity.meanShift.map((m) => m.toFixed(3))}`,
            );
        }
      }),
    180_000,
  );
});

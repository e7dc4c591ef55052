import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asymmetric, makeFixtures } from '../test/fixtures';
import { opjReference } from '../test/jp2-fixtures';
import { browserJp2Kinds } from '../test/jp2-kinds';
import { meanDifference } from '../test/pixels';
import { inFreshFirefox, openApp, serveApp, settle, state } from './firefox-app';

const PORT = Number(process.env.VITRINE_FF_PORT) || 4319;
let app: Awaited<ReturnType<typeof serveApp>>;

describe('Vitrine in Firefox ESR', () => {
  beforeAll(async () => {
    app = await serveApp(PORT);
  }, 60_000);

  afterAll(() => app?.stop());

  it(
    'tiles images, fails a non-image by name, and previews from IndexedDB',
    () =>
      inFreshFirefox(async (page) => {
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('console', (m) => console.log(`firefox console: ${m.type()} ${m.text()}`));
        await openApp(page, app.url);
        expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

        const dir = mkdtempSync(join(tmpdir(), 'vitrine-ff-files-'));
        const fixtures = (await makeFixtures()).filter((f) =>
          ['photo 3000×2000.jpg', 'rotated-6.jpg', 'notes.jpg'].includes(f.name),
        );
        const paths = fixtures.map((f) => {
          const path = join(dir, f.name);
          writeFileSync(path, f.buffer);
          return path;
        });
        const input = await page.$('[data-testid=file-input]');
        await input!.uploadFile(...paths);
        await settle(page, 3);
        // The reasons, so a failure here says why the images failed, not only that they did.
        const reasons = await page.$$eval('[data-testid=job-error]', (els) => els.map((e) => e.textContent));
        expect({ states: await state(page), reasons: reasons.slice(0, -1) }).toEqual({
          states: [
            ['photo 3000×2000.jpg', 'done'],
            ['rotated-6.jpg', 'done'],
            ['notes.jpg', 'failed'],
          ],
          reasons: [],
        });
        const dims = await page.$$eval('[data-testid=job] .job-dims', (els) => els.map((e) => e.textContent));
        expect(dims.slice(0, 2)).toEqual(['3000 × 2000', '400 × 600']);

        await page.click('[data-testid=job][data-state=done] [data-testid=view-image]');
        await page.waitForFunction(
          () => {
            const d = (document.querySelector('[data-testid=viewer]') as HTMLElement).dataset;
            return (
              Number(d.tilesLoaded) > 0 && Number(d.tilesRequested) === Number(d.tilesLoaded) + Number(d.tilesFailed)
            );
          },
          { timeout: 30_000, polling: 250 },
        );
        expect(await page.$eval('[data-testid=viewer]', (el) => (el as HTMLElement).dataset.tilesFailed)).toBe('0');
        expect(errors).toEqual([]);
      }),
    180_000,
  );

  it(
    'turns a rotated image over the whole-decode limit upright through an OPFS scratch file',
    () =>
      inFreshFirefox(async (page) => {
        // 700 × 450 is 0.315 megapixels: a limit of 0.1 forces the route the app takes past 80. Set before
        // the app loads: a reload could wait 30 s on a worker whose wasm-vips start hung (seen in Firefox ESR).
        await page.evaluateOnNewDocument(() =>
          localStorage.setItem('vitrine.inputPolicy', '{"inMemoryMaxMegapixels":0.1}'),
        );
        await openApp(page, app.url);
        const before = (await state(page)).length;
        const path = join(mkdtempSync(join(tmpdir(), 'vitrine-ff-files-')), 'turned-8.jpg');
        writeFileSync(path, await (await asymmetric(700, 450)).jpeg().withMetadata({ orientation: 8 }).toBuffer());
        await (await page.$('[data-testid=file-input]'))!.uploadFile(path);
        await settle(page, before + 1);
        const row = '[data-testid=job][data-name="turned-8.jpg"]';
        // With the reason, so a failure here says why the image failed, not only that it did.
        expect(
          await page.$eval(row, (el) => [
            el.getAttribute('data-state'),
            el.querySelector('[data-testid=job-error]')?.textContent,
          ]),
        ).toEqual(['done', undefined]);
        expect(await page.$eval(`${row} .job-dims`, (el) => el.textContent)).toBe('450 × 700');
        expect(await page.$eval(`${row} .job-notes`, (el) => el.textContent)).toContain(
          'EXIF orientation 8 applied through a 923 kB scratch file',
        );
        const leftOver = await page.evaluate(async () => {
          const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('vitrine-scratch');
          const names: string[] = [];
          for await (const name of folder.keys()) names.push(name);
          return names;
        });
        expect(leftOver).toEqual([]);
      }),
    180_000,
  );

  it(
    'decodes JPEG 2000 of each kind as opj_decompress does',
    () =>
      inFreshFirefox(async (page) => {
        await page.evaluateOnNewDocument(() => localStorage.setItem('vitrine.settings', '{"quality":95}'));
        await openApp(page, app.url);
        const dir = mkdtempSync(join(tmpdir(), 'vitrine-ff-jp2-'));
        const kinds = browserJp2Kinds();
        const paths = kinds.map((k) => {
          writeFileSync(join(dir, k.name), k.bytes);
          return join(dir, k.name);
        });
        await (await page.$('[data-testid=file-input]'))!.uploadFile(...paths);
        await settle(page, kinds.length);
        for (const kind of kinds) {
          const row = `[data-testid=job][data-name="${kind.name}"]`;
          const [stateNow, id, error] = await page.$eval(row, (el) => [
            el.getAttribute('data-state'),
            el.getAttribute('data-image-id'),
            el.querySelector('[data-testid=job-error]')?.textContent,
          ]);
          expect([kind.name, stateNow, error]).toEqual([kind.name, 'done', undefined]);
          // The stored full-size image, as the service worker serves it to viewers.
          const base64 = await page.evaluate(async (path) => {
            const bytes = new Uint8Array(await (await fetch(path)).arrayBuffer());
            let text = '';
            for (const b of bytes) text += String.fromCharCode(b);
            return btoa(text);
          }, `local-iiif/${id}/full/max/0/default.jpg`);
          const full = Buffer.from(base64, 'base64');
          expect(
            await meanDifference(full, await opjReference(kind.bytes, kind.extension)),
            kind.name,
          ).toBeLessThanOrEqual(2);
        }
      }),
    180_000,
  );
});

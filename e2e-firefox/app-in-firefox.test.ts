import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview } from '../scripts/preview-server.mjs';
import { asymmetric, makeFixtures } from '../test/fixtures';
import { opjReference } from '../test/jp2-fixtures';
import { browserJp2Kinds } from '../test/jp2-kinds';
import { meanDifference } from '../test/pixels';

// Debian's Firefox ESR over WebDriver BiDi: the same built app, the same automation contract.
// waitForFunction polls on a timer: its default, requestAnimationFrame, stalls in headless Firefox.
const PORT = Number(process.env.VITRINE_FF_PORT) || 4319;
const URL = `http://127.0.0.1:${PORT}/`;
let server: ChildProcess;

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(URL)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${URL}`);
}

/** Polls the rows until `count` exist and none is queued or running; on timeout, says what they show. */
async function settle(page: Page, count: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await state(page);
    if (rows.length === count && rows.every(([, s]) => s === 'done' || s === 'failed')) return;
    if (Date.now() > deadline) {
      const detail = await page.$$eval('[data-testid=job]', (els) => els.map((e) => e.textContent));
      throw new Error(`rows did not settle: ${JSON.stringify(rows)} ${JSON.stringify(detail)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const state = (page: Page) =>
  page.$$eval('[data-testid=job]', (rows) =>
    rows.map((r) => [r.getAttribute('data-name'), r.getAttribute('data-state')]),
  );

/**
 * Runs `test` on a page of a Firefox launched for it (puppeteer gives each launch a new profile), closed
 * afterwards: a retried test gets a new process and empty storage, not the rows and state of the failure.
 */
async function inFreshFirefox(test: (page: Page) => Promise<void>): Promise<void> {
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
  });
  try {
    await test(await browser.newPage());
  } finally {
    await browser.close();
  }
}

/** Opens the app and waits until its service worker controls the page: its first-visit install and
 * claim then cannot overlap the tiling worker's start. */
async function openApp(page: Page): Promise<void> {
  await page.goto(URL);
  await page.waitForSelector('[data-testid=app-status][data-ready=true]');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, { polling: 250, timeout: 30_000 });
}

describe('Vitrine in Firefox ESR', () => {
  beforeAll(async () => {
    server = startPreview(PORT);
    await waitForServer();
  }, 60_000);

  afterAll(() => {
    server?.kill();
  });

  it(
    'tiles images, fails a non-image by name, and previews from IndexedDB',
    () =>
      inFreshFirefox(async (page) => {
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('console', (m) => console.log(`firefox console: ${m.type()} ${m.text()}`));
        await openApp(page);
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
        await openApp(page);
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
        await openApp(page);
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

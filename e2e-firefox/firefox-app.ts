import type { ChildProcess } from 'node:child_process';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startPreview } from '../scripts/preview-server.mjs';

// Debian's Firefox ESR over WebDriver BiDi: the same built app, the same automation contract.
// waitForFunction polls on a timer: its default, requestAnimationFrame, stalls in headless Firefox.

/** Serves the built app on `port` until `stop`. */
export async function serveApp(port: number): Promise<{ url: string; stop: () => void }> {
  const url = `http://127.0.0.1:${port}/`;
  const server: ChildProcess = startPreview(port);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => server.kill() };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error(`vite preview did not answer on ${url}`);
}

/** Polls the rows until `count` exist and none is queued or running; on timeout, says what they show. */
export async function settle(page: Page, count: number, timeoutMs = 120_000): Promise<void> {
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

export const state = (page: Page) =>
  page.$$eval('[data-testid=job]', (rows) =>
    rows.map((r) => [r.getAttribute('data-name'), r.getAttribute('data-state')]),
  );

/**
 * Runs `test` on a page of a Firefox launched for it (puppeteer gives each launch a new profile), closed
 * afterwards: a retried test gets a new process and empty storage, not the rows and state of the failure.
 */
export async function inFreshFirefox(test: (page: Page) => Promise<void>): Promise<void> {
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
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-testid=app-status][data-ready=true]');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, { polling: 250, timeout: 30_000 });
}

// npm run bench [-- --big]: the app's File → IndexedDB time in Debian's Chromium against native
// `vips dzsave` on the same files in the same run. Prints a table and writes bench-results/bench.json.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const PORT = 4321;
const OUT = resolve(ROOT, 'bench-results');
const work = mkdtempSync(join(tmpdir(), 'vitrine-bench-'));

/** Generated inputs (always) and corpus files (when ../shared/corpus is there). */
async function inputs() {
  const noise = (width, height) =>
    sharp({ create: { width, height, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).blur(1.2);
  const made = [
    ['photo-20mp.jpg', (await noise(5472, 3648)).jpeg({ quality: 90 })],
    ['scan-12mp.png', (await noise(4000, 3000)).png({ compressionLevel: 6 })],
    ['scan-12mp-tiled.tif', (await noise(4000, 3000)).tiff({ compression: 'lzw', tile: true })],
  ];
  const files = [];
  for (const [name, pipeline] of made) {
    const path = join(work, name);
    await pipeline.toFile(path);
    files.push(path);
  }
  const fromCorpus = ['jpeg/lomiri-seeding_by_Clements_Engelhardt.jpg', 'png/ukui-calla.png', 'webp/gnome-wood-d.webp'];
  if (existsSync(CORPUS)) files.push(...fromCorpus.map((p) => join(CORPUS, p)));
  else console.log('(no ../shared/corpus: generated inputs only)');
  return files;
}

function nativeDzsave(file) {
  const out = join(work, `native-${Date.now()}`);
  const start = performance.now();
  const result = spawnSync('vips', [
    'dzsave',
    file,
    out,
    '--layout',
    'iiif3',
    '--tile-size',
    '256',
    '--suffix',
    '.jpg[Q=85]',
  ]);
  const ms = performance.now() - start;
  rmSync(out, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`vips dzsave failed on ${file}: ${result.stderr}`);
  return ms;
}

async function main() {
  const hasVips = spawnSync('vips', ['--version']).status === 0;
  if (!hasVips) console.log('(native vips not found: install libvips-tools for the ratio column)');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const files = await inputs();
    const page = await browser.newPage();
    for (let i = 0; ; i++) {
      try {
        await page.goto(`http://127.0.0.1:${PORT}/`);
        break;
      } catch (error) {
        if (i > 50) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    await page.waitForSelector('[data-testid=app-status][data-ready=true]', { state: 'attached' });
    const rows = [];
    // A first tiny job starts the worker and compiles wasm, so no measured image pays for it.
    const warmup = join(work, 'warmup.png');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } })
      .png()
      .toFile(warmup);
    for (const file of [warmup, ...files]) {
      const count = await page.locator('[data-testid=job]').count();
      await page.setInputFiles('[data-testid=file-input]', file);
      const row = page.locator('[data-testid=job]').nth(count);
      await row.and(page.locator('[data-state=done], [data-state=failed]')).waitFor({ timeout: 3_600_000 });
      if (file === warmup) continue;
      const meta = await sharp(file).metadata();
      const appMs = Number(await row.getAttribute('data-elapsed-ms'));
      const nativeMs = hasVips ? nativeDzsave(file) : null;
      const tiles = await row.evaluate((el) => el.querySelector('.job-bytes')?.textContent ?? '');
      rows.push({
        image: file.split('/').pop(),
        megapixels: +((meta.width * meta.height) / 1e6).toFixed(1),
        fileMB: +(statSync(file).size / 1e6).toFixed(1),
        state: await row.getAttribute('data-state'),
        appMs,
        nativeMs: nativeMs && Math.round(nativeMs),
        ratio: nativeMs ? +(appMs / nativeMs).toFixed(2) : null,
        stored: tiles,
        wasmMiB: Math.round(Number(await row.getAttribute('data-wasm-bytes')) / 2 ** 20),
      });
    }
    console.table(rows);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'bench.json'), `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`);
    console.log(`written ${join(OUT, 'bench.json')}`);
  } finally {
    await browser.close();
    server.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();

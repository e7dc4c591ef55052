// npm run bench [-- --big]: the app's File → IndexedDB time in Debian's Chromium against native
// `vips dzsave` on the same files in the same run, beside the wasm codec's own floor (wasm-codec-floor.mjs),
// and the pyramidal TIFF export against `vips tiffsave` (bench-tiff.mjs).
// Prints a table and writes bench-results/bench.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { storedPaths } from './measure-in-page.mjs';
import { chromiumCpuSeconds, chromiumThreadCpu, threadCpuSpent } from './process-cpu.mjs';
import { openWhenServed, startPreview } from './preview-server.mjs';
import { tiffRows } from './bench-tiff.mjs';
import { freshPagePreviewMs, previewMs } from './bench-preview.mjs';
import { wasmCodecFloor } from './wasm-codec-floor.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const PORT = 4321;
const OUT = resolve(ROOT, 'bench-results');
const work = mkdtempSync(join(tmpdir(), 'vitrine-bench-'));

const BIG = process.argv.includes('--big');
const BIG_DIR = resolve(OUT, 'inputs');

/** The --big cases, generated once and kept under bench-results/inputs (minutes to make). */
async function bigInputs() {
  mkdirSync(BIG_DIR, { recursive: true });
  const cases = [
    ['photo-900mp.jpg', 30000, 30000],
    ['scan-2gp.jpg', 50000, 40000],
  ];
  const files = [];
  for (const [name, width, height] of cases) {
    const path = join(BIG_DIR, name);
    if (!existsSync(path)) {
      console.log(`generating ${name} (${width}×${height})…`);
      const noise = { type: 'gaussian', mean: 128, sigma: 30 };
      await sharp({ create: { width, height, channels: 3, background: '#777', noise }, limitInputPixels: false })
        .blur(1.5)
        .jpeg({ quality: 85 })
        .toFile(path);
    }
    files.push(path);
  }
  return files;
}

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
  files.push(await jpeg2000Input(await noise(5472, 3648)));
  const fromCorpus = ['jpeg/lomiri-seeding_by_Clements_Engelhardt.jpg', 'png/ukui-calla.png', 'webp/gnome-wood-d.webp'];
  if (existsSync(CORPUS)) files.push(...fromCorpus.map((p) => join(CORPUS, p)));
  else console.log('(no ../shared/corpus: generated inputs only)');
  return files;
}

/** A 20 MP archival-style JPEG 2000 (1024² tiles, lossy 9/7 at 20:1), made by Debian's opj_compress. */
async function jpeg2000Input(pipeline) {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const ppm = join(work, 'scan-20mp.ppm');
  writeFileSync(ppm, Buffer.concat([Buffer.from(`P6\n${info.width} ${info.height}\n255\n`), data]));
  const path = join(work, 'scan-20mp-tiled.jp2');
  execFileSync('opj_compress', ['-i', ppm, '-o', path, '-t', '1024,1024', '-r', '20'], { stdio: 'ignore' });
  rmSync(ppm);
  return path;
}

/** Width and height; sharp's libvips reads no JPEG 2000, Debian's does. */
function dimensions(file) {
  if (/\.(jp2|j2k)$/.test(file)) {
    const [width, height] = ['width', 'height'].map((f) => Number(execFileSync('vipsheader', ['-f', f, file])));
    return { width, height, wasmDecodes: false };
  }
  return sharp(file, { limitInputPixels: false })
    .metadata()
    .then(({ width, height }) => ({ width, height, wasmDecodes: true }));
}

/**
 * Native output goes to RAM where there is a tmpfs: on this machine's disk, creating and removing the
 * 451 files of a 20 MP pyramid moved native's time between 0.48 and 1.03 s (kernel time 0.2–0.7 s); on
 * tmpfs it held at 0.40–0.41 s. The steadier figure is also native's best.
 */
const NATIVE_OUT = existsSync('/dev/shm') ? '/dev/shm' : work;

function nativeDzsave(file) {
  const out = join(NATIVE_OUT, `vitrine-bench-native-${process.pid}-${Date.now()}`);
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

/** A fresh page of the app with `workers` workers, already started by one tiny job each. */
async function readyPage(browser, workers, warmup, encoder = 'libvips') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openWhenServed(page, PORT);
  // The worker count sits under Settings → Advanced, closed by default.
  await page.click('[data-testid=advanced-settings] > summary');
  await page.fill('[data-testid=workers]', String(workers));
  await page.dispatchEvent('[data-testid=workers]', 'change');
  await page.selectOption('[data-testid=encoder]', encoder);
  await page.setInputFiles(
    '[data-testid=file-input]',
    Array.from({ length: workers }, () => warmup),
  );
  await settled(page, workers);
  return { page, context };
}

/** Tiles stored for one image: its files in IndexedDB, less the whole-image sizes under full/. */
async function tileCount(page, imageId) {
  return (await page.evaluate(storedPaths, imageId)).filter((path) => !path.startsWith('full/')).length;
}

/** Files up to this size get an idle worker's help (the app's LEND_MAX_BYTES). */
const LEND_MAX_BYTES = 32 * 1024 * 1024;

/** The median app time of `runs` drops of `file` on `page`, and the last run's job row. */
async function appMedian(page, file, runs) {
  const times = [];
  let row;
  for (let i = 0; i < runs; i++) {
    const count = await page.locator('[data-testid=job]').count();
    await page.setInputFiles('[data-testid=file-input]', file);
    row = page.locator('[data-testid=job]').nth(count);
    await row.and(page.locator('[data-state=done], [data-state=failed]')).waitFor({ timeout: 3_600_000 });
    times.push(Number(await row.getAttribute('data-elapsed-ms')));
  }
  return { appMs: median(times), row };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function settled(page, count) {
  // Runs in the page, where `document` exists.
  /* eslint-disable no-undef */
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-testid=job]').length === n &&
      !document.querySelector('[data-testid=job][data-state=queued], [data-testid=job][data-state=running]'),
    count,
    { timeout: 3_600_000, polling: 100 },
  );
  /* eslint-enable no-undef */
}

/**
 * Batch throughput: the same images with 1 and with 2 workers, wall time from drop to the last done, and
 * the CPU-seconds all of Chromium used meanwhile (Linux only).
 */
async function batchThroughput(browser, files, warmup) {
  const result = {};
  for (const workers of [1, 2]) {
    const { page, context } = await readyPage(browser, workers, warmup);
    const cpuBefore = chromiumCpuSeconds();
    const threadsBefore = chromiumThreadCpu();
    const start = performance.now();
    await page.setInputFiles('[data-testid=file-input]', files);
    await settled(page, workers + files.length);
    const seconds = (performance.now() - start) / 1000;
    const cpuAfter = chromiumCpuSeconds();
    const threads = threadCpuSpent(threadsBefore, chromiumThreadCpu());
    result[`threads${workers}`] = threads;
    result[`workers${workers}`] = {
      seconds: +seconds.toFixed(2),
      imagesPerSecond: +(files.length / seconds).toFixed(2),
      chromiumCpuSeconds: cpuBefore === null ? null : +(cpuAfter - cpuBefore).toFixed(2),
      // The page's main thread: its share of all of Chromium's CPU in the batch.
      mainThreadShare:
        threads && cpuAfter > cpuBefore
          ? +((threads['renderer/chromium'] ?? 0) / (cpuAfter - cpuBefore)).toFixed(3)
          : null,
    };
    await context.close();
  }
  result.ratio = +(result.workers2.imagesPerSecond / result.workers1.imagesPerSecond).toFixed(2);
  // With its CPU spread over every core and nothing idle, the 2-worker run could take no less than this.
  const cpu = result.workers2.chromiumCpuSeconds;
  result.cores = availableParallelism();
  result.ratioCeiling = cpu ? +(result.workers1.seconds / (cpu / result.cores)).toFixed(2) : null;
  return result;
}

/** Twenty batch inputs: corpus images when present, else generated 3-megapixel photos. */
async function batchInputs() {
  if (existsSync(CORPUS)) {
    const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8'));
    return manifest
      .sort((a, b) => b.width * b.height - a.width * a.height)
      .slice(0, 20)
      .map((e) => join(CORPUS, e.path));
  }
  const files = [];
  for (let i = 0; i < 20; i++) {
    const path = join(work, `batch-${i}.jpg`);
    await sharp({
      create: { width: 2000, height: 1500, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } },
    })
      .blur(1)
      .jpeg()
      .toFile(path);
    files.push(path);
  }
  return files;
}

async function main() {
  const hasVips = spawnSync('vips', ['--version']).status === 0;
  if (!hasVips) console.log('(native vips not found: install libvips-tools for the ratio column)');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const server = startPreview(PORT);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const files = [...(await inputs()), ...(BIG ? await bigInputs() : [])];
    // A first tiny job starts the worker and compiles wasm, so no measured image pays for it.
    const warmup = join(work, 'warmup.png');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } })
      .png()
      .toFile(warmup);
    const { page, context } = await readyPage(browser, 1, warmup);
    // The same images on a page with two started workers: the idle one is lent to each lone job.
    const lent = await readyPage(browser, 2, warmup);
    // And with the browser's own JPEG encoder for the large levels.
    const browserEncoded = await readyPage(browser, 1, warmup, 'browser');
    const rows = [];
    for (const file of files) {
      const meta = await dimensions(file);
      // Images under 100 MP take the median of three runs each way, and get a codec floor (a whole-image
      // decode in Node is only sound for them, and only for what wasm-vips decodes); the big ones run once.
      const small = meta.width * meta.height < 100e6;
      const runs = small ? 3 : 1;
      const { appMs, row } = await appMedian(page, file, runs);
      const lentMs = statSync(file).size <= LEND_MAX_BYTES ? (await appMedian(lent.page, file, runs)).appMs : null;
      const viaBrowser = small ? await appMedian(browserEncoded.page, file, runs) : null;
      const nativeMs = hasVips ? median(Array.from({ length: runs }, () => nativeDzsave(file))) : null;
      const floorMs = small && meta.wasmDecodes ? (await wasmCodecFloor(file)).floorMs : null;
      const tiles = await tileCount(page, await row.getAttribute('data-image-id'));
      rows.push({
        image: file.split('/').pop(),
        megapixels: +((meta.width * meta.height) / 1e6).toFixed(1),
        fileMB: +(statSync(file).size / 1e6).toFixed(1),
        state: await row.getAttribute('data-state'),
        runs,
        route: await row.getAttribute('data-route'),
        appMs,
        nativeMs: nativeMs && Math.round(nativeMs),
        ratio: nativeMs ? +(appMs / nativeMs).toFixed(2) : null,
        lentMs,
        lentRatio: nativeMs && lentMs ? +(lentMs / nativeMs).toFixed(2) : null,
        browserEncMs: viaBrowser?.appMs ?? null,
        browserEncRoute: viaBrowser ? await viaBrowser.row.getAttribute('data-route') : null,
        browserEncRatio: nativeMs && viaBrowser ? +(viaBrowser.appMs / nativeMs).toFixed(2) : null,
        floorMs,
        floorRatio: nativeMs && floorMs ? +(floorMs / nativeMs).toFixed(2) : null,
        tiles,
        wasmMiB: Math.round(Number(await row.getAttribute('data-wasm-bytes')) / 2 ** 20),
      });
    }
    await browserEncoded.context.close();
    const lentPreview = await previewMs(lent.page, files[0], true);
    await lent.context.close();
    console.table(rows);
    const preview = {
      image: files[0].split('/').pop(),
      quick: await previewMs(page, files[0], true),
      lent: lentPreview,
      tiles: await previewMs(page, files[0], false),
      freshPage: await freshPagePreviewMs(browser, PORT, files[0]),
    };
    console.log(`first preview of ${preview.image} (drop → first tile on screen, ms; what was shown):`);
    console.table({
      'Preview at once, page warm': preview.quick,
      'the same, a worker lent': preview.lent,
      'View once tiled, page warm': preview.tiles,
      'Preview at once, page just opened': preview.freshPage,
    });
    await context.close();
    // The TIFF export on a page of its own: the 20 MP JPEG, the tiled TIFF, and the --big cases.
    const tiffPage = await readyPage(browser, 1, warmup);
    const tiffFiles = files.filter((f) => /photo-20mp|scan-12mp-tiled|900mp|2gp/.test(f));
    const tiff = await tiffRows(tiffPage.page, tiffFiles, hasVips);
    await tiffPage.context.close();
    console.log('pyramidal TIFF (File → tiles → TIFF in the ZIP, against native vips tiffsave):');
    console.table(tiff);
    const batch = await batchThroughput(browser, await batchInputs(), warmup);
    console.log('20-image batch:');
    console.table({ '1 worker': batch.workers1, '2 workers': batch.workers2 });
    console.log(`throughput ratio, 2 workers / 1 worker: ${batch.ratio}`);
    console.log('CPU-seconds by Chromium thread, 2 workers (top 8):');
    console.table(Object.fromEntries(Object.entries(batch.threads2 ?? {}).slice(0, 8)));
    if (batch.ratioCeiling) {
      console.log(
        `ceiling for that ratio on ${batch.cores} cores, given the ${batch.workers2.chromiumCpuSeconds} CPU-seconds ` +
          `Chromium used with 2 workers: ${batch.ratioCeiling}`,
      );
    }
    mkdirSync(OUT, { recursive: true });
    writeFileSync(
      join(OUT, 'bench.json'),
      `${JSON.stringify({ date: new Date().toISOString(), rows, firstPreview: preview, tiff, batch }, null, 2)}\n`,
    );
    console.log(`written ${join(OUT, 'bench.json')}`);
  } finally {
    await browser.close();
    server.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();

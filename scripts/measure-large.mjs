// node scripts/measure-large.mjs [--cli] [--app] [case or file…]: very large inputs through the CLI (wall time and
// peak memory from /usr/bin/time -v) and through the app in Debian's Chromium (elapsed, wasm memory, bytes
// read from the File, every tile present in IndexedDB). Run `npm run build` first. Inputs are made once
// under bench-results/inputs/ (minutes each, several GB; native `vips` makes the TIFFs). A script, not a
// test: nothing asserts on time. Results go to bench-results/large.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { openWhenServed, startPreview } from './preview-server.mjs';
import { CASES, input } from './large-inputs.mjs';
import { countFileReads, scratchFileCount, storedFileBase64, storedPaths } from './measure-in-page.mjs';
import { expectedTilePaths, lastTilePath } from './pyramid-paths.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const PORT = Number(process.env.VITRINE_MEASURE_PORT) || 4394;
const args = process.argv.slice(2);
const runCli = !args.includes('--app');
const runApp = !args.includes('--cli');

/** The CLI on one file under /usr/bin/time -v; the bundle is checked against the expected tile paths. */
async function measureCli(path) {
  const out = mkdtempSync(join(tmpdir(), 'vitrine-measure-'));
  const run = spawnSync('/usr/bin/time', [
    '-v',
    'node',
    join(ROOT, 'dist-cli/vitrine.js'),
    'tile',
    path,
    '--out',
    out,
    '--base-url',
    'https://example.org/iiif',
    '--jobs',
    '1',
  ]);
  const log = run.stderr.toString();
  const field = (name) => new RegExp(`${name}: (.+)`).exec(log)?.[1]?.trim();
  const done = /done .+ → (\S+) \((\d+)×(\d+)\)/.exec(log);
  const result = {
    state: done ? 'done' : 'failed',
    error: done ? undefined : /failed [^:]+: (.+)/.exec(log)?.[1],
    wall: field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)'),
    peakRssMiB: Math.round(Number(field('Maximum resident set size \\(kbytes\\)')) / 1024),
  };
  if (done) {
    const folder = join(out, done[1]);
    const written = new Set(walk(folder).map((f) => relative(folder, f)));
    const size = { width: Number(done[2]), height: Number(done[3]) };
    const expected = expectedTilePaths(size, 256);
    result.size = `${done[2]}×${done[3]}`;
    result.tilesMissing = expected.filter((p) => !written.has(p)).length;
    result.lastTileMean = await meanGrey(readFileSync(join(folder, lastTilePath(size, 256))));
    result.tiles = expected.length;
  }
  rmSync(out, { recursive: true, force: true });
  return result;
}

/** Mean of the first band: noise inputs average about 128, a tile read from the wrong bytes does not. */
const meanGrey = async (jpeg) => +(await sharp(jpeg).stats()).channels[0].mean.toFixed(1);

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

/**
 * The app in Chromium with one worker: elapsed, wasm memory, bytes the worker read, every tile in IndexedDB.
 * A profile on disk, as a person has: Playwright's default contexts are off the record, where OPFS lives in
 * memory and a file stops growing near 2 GB (a gigapixel rotation's scratch file then fails by name).
 */
async function measureApp(path) {
  const profile = mkdtempSync(join(tmpdir(), 'vitrine-measure-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const bytesRead = [];
  const onConsole = (m) => {
    const read = /^vitrine-measure bytes read (\d+)$/.exec(m.text());
    if (read) bytesRead.push(Number(read[1]));
  };
  page.on('console', onConsole);
  page.on('worker', (worker) => worker.on('console', onConsole));
  await openWhenServed(page, PORT);
  // The worker count sits under Settings → Advanced, closed by default.
  await page.click('[data-testid=advanced-settings] > summary');
  await page.fill('[data-testid=workers]', '1');
  await page.dispatchEvent('[data-testid=workers]', 'change');
  // A first tiny job starts the worker; then its File reads are counted and logged with each message.
  const warmup = join(profile, 'warmup.png');
  await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } })
    .png()
    .toFile(warmup);
  await page.setInputFiles('[data-testid=file-input]', warmup);
  await page.locator('[data-testid=job][data-state=done]').waitFor();
  await page.workers()[0].evaluate(countFileReads);
  await page.setInputFiles('[data-testid=file-input]', path);
  const row = page.locator('[data-testid=job]').nth(1);
  await row.and(page.locator('[data-state=done], [data-state=failed]')).waitFor({ timeout: 3_600_000 });
  const state = await row.getAttribute('data-state');
  const result = { state };
  if (state === 'failed') result.error = await row.locator('[data-testid=job-error]').textContent();
  else {
    const id = await row.getAttribute('data-image-id');
    const [width, height] = (await row.locator('.job-dims').textContent()).split(' × ').map(Number);
    const stored = new Set(await page.evaluate(storedPaths, id));
    const size = { width, height };
    const expected = expectedTilePaths(size, 256);
    Object.assign(result, {
      size: `${width}×${height}`,
      elapsedS: +(Number(await row.getAttribute('data-elapsed-ms')) / 1000).toFixed(1),
      wasmMiB: Math.round(Number(await row.getAttribute('data-wasm-bytes')) / 2 ** 20),
      tiles: expected.length,
      tilesMissing: expected.filter((p) => !stored.has(p)).length,
      lastTileMean: await meanGrey(
        Buffer.from(await page.evaluate(storedFileBase64, [id, lastTilePath(size, 256)]), 'base64'),
      ),
      scratchFilesLeft: await page.evaluate(scratchFileCount),
      notes: await row
        .locator('.job-notes')
        .textContent()
        .catch(() => ''),
    });
  }
  result.fileReadGB = +(Math.max(0, ...bytesRead) / 1e9).toFixed(3);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  return result;
}

async function main() {
  const names = args.filter((a) => !a.startsWith('--'));
  const chosen = names.length ? names : Object.keys(CASES);
  const rows = [];
  const server = runApp ? startPreview(PORT) : null;
  try {
    for (const name of chosen) {
      const path = await input(name);
      const fileGB = +(statSync(path).size / 1e9).toFixed(3);
      if (runCli) rows.push({ case: name, fileGB, via: 'cli', ...(await measureCli(path)) });
      if (runApp) rows.push({ case: name, fileGB, via: 'app', ...(await measureApp(path)) });
      console.table(rows.slice(-2));
    }
  } finally {
    server?.kill();
  }
  console.table(rows);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench-results/large.json'),
    `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`,
  );
}

await main();

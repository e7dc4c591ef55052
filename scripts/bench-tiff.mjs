// The pyramidal TIFF export for `npm run bench`: File → tiles stored → TIFF streamed out of the app, against
// native `vips tiffsave --tile --pyramid --compression jpeg` on the same file in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUT = existsSync('/dev/shm') ? '/dev/shm' : (process.env.TMPDIR ?? '/tmp');

function nativeTiffsave(file) {
  const out = join(OUT, `vitrine-bench-tiff-${process.pid}-${Date.now()}.tif`);
  const args = ['tiffsave', file, out, '--tile', '--tile-width', '256', '--tile-height', '256', '--pyramid'];
  const start = performance.now();
  const result = spawnSync('vips', [...args, '--compression', 'jpeg', '--Q', '85']);
  const ms = performance.now() - start;
  const bytes = existsSync(out) ? statSync(out).size : 0;
  rmSync(out, { force: true });
  if (result.status !== 0) throw new Error(`vips tiffsave failed on ${file}: ${result.stderr}`);
  return { ms, bytes };
}

/** Tiles `file` on `page` (one worker), then exports its TIFF alone; times each step. */
async function appTiff(page, file) {
  await page.evaluate(() => localStorage.removeItem('vitrine.exportContent'));
  const count = await page.locator('[data-testid=job]').count();
  await page.setInputFiles('[data-testid=file-input]', file);
  const row = page.locator('[data-testid=job]').nth(count);
  await row.and(page.locator('[data-state=done]')).waitFor({ timeout: 3_600_000 });
  const tileMs = Number(await row.getAttribute('data-elapsed-ms'));
  const id = await row.getAttribute('data-image-id');
  // Only this image in the ZIP: earlier ones are deleted first (their undo window is not waited for).
  const others = page.locator(`[data-testid=job]:not([data-image-id="${id}"])`);
  while ((await others.count()) > 0) await others.first().locator('[data-testid=delete-image]').click();
  await page.selectOption('[data-testid=export-content]', 'tiff');
  const start = performance.now();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-zip]')]);
  await page.locator('[data-testid=export-status][data-state=done]').waitFor({ timeout: 3_600_000 });
  const exportMs = performance.now() - start;
  const bytes = statSync(await download.path()).size;
  await download.delete();
  return { tileMs, exportMs, bytes };
}

/** One row per file: the app's tiling and TIFF export, their sum, and native tiffsave. */
export async function tiffRows(page, files, hasVips) {
  const rows = [];
  for (const file of files) {
    const app = await appTiff(page, file);
    const native = hasVips ? nativeTiffsave(file) : null;
    const totalMs = Math.round(app.tileMs + app.exportMs);
    rows.push({
      image: file.split('/').pop(),
      appTileMs: app.tileMs,
      tiffExportMs: Math.round(app.exportMs),
      appTotalMs: totalMs,
      nativeTiffsaveMs: native && Math.round(native.ms),
      ratio: native ? +(totalMs / native.ms).toFixed(2) : null,
      zipMB: +(app.bytes / 1e6).toFixed(1),
      nativeMB: native && +(native.bytes / 1e6).toFixed(1),
    });
  }
  return rows;
}

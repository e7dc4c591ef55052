import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportInput } from '../shared/batch-report';
import { emptyDescriptive } from '../shared/descriptive';
import { tileOutcome } from './tile-outcome';
import type { StoredImage } from '../shared/iiif-manifest';
import type { StoredObject } from '../shared/iiif-object';
import { tiffPath } from '../shared/export-options';
import { usesImageApi2 } from '../shared/iiif-version';
import { planBatch } from '../shared/object-plan';
import { applyTable } from './apply-table';
import { expandInputs } from './inputs';
import type { CliOptions } from './options';
import { runPool } from './pool';
import { writeBundleDocuments } from './write-bundle';

/** `vitrine tile`: plans ids and objects as the app does, tiles on worker threads, writes the bundle and report. */
export async function tileCommand(options: CliOptions): Promise<number> {
  const { files, skipped } = await expandInputs(options.inputs);
  for (const path of skipped) process.stderr.write(`skipped (not an image): ${path}\n`);
  const taken = new Set<string>();
  const plan = planBatch(files, options.objects, taken);
  const jobs = plan.images.map((p) => ({
    path: files[p.file]!.path,
    folder: join(options.out, p.id),
    settings: options.settings,
    policy: options.policy,
    ...(p.page !== undefined ? { page: p.page } : {}),
    ...(options.tiff ? { tiff: join(options.out, tiffPath(p.id)) } : {}),
    ...(usesImageApi2(options.version) ? { imageApi2: true } : {}),
  }));
  const images: (StoredImage | null)[] = plan.images.map(() => null);
  const report: ReportInput[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const workerFile = join(fileURLToPath(new URL('.', import.meta.url)), 'tile-worker.js');
  await runPool(jobs, options.jobs, workerFile, (i, result) => {
    const p = plan.images[i]!;
    const shown = `${jobs[i]!.path}${p.page !== undefined ? ` (page ${p.page + 1})` : ''}`;
    const step = `[${report.length + 1}/${jobs.length}]`;
    const outcome = tileOutcome(p, files[p.file]!.name, options.settings, result);
    report.push(outcome.report);
    if (outcome.image) {
      images[i] = outcome.image;
      process.stderr.write(`${step} done ${shown} → ${p.id} (${outcome.image.width}×${outcome.image.height})\n`);
    } else {
      failures.push(`${shown}: ${outcome.report.error}`);
      process.stderr.write(`${step} failed ${shown}: ${outcome.report.error}\n`);
    }
  });
  const done = images.filter((i): i is StoredImage => i !== null);
  let objects: StoredObject[] = plan.objects.map((o) => ({ ...o, descriptive: emptyDescriptive(o.name) }));
  if (options.metadata) {
    const names = new Map(plan.images.map((p) => [p.id, files[p.file]!.name]));
    objects = await applyTable(options.metadata, options.keyColumn, done, objects, names, taken);
  }
  // The report lists images in plan order, as the app lists them, whatever order the threads finished in.
  const order = new Map(plan.images.map((p, i) => [p.id, i]));
  report.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  if (done.length || report.length) {
    const content = { images: done, objects, report };
    await writeBundleDocuments(options.out, content, options.baseUrl, options.title, options.version);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `${done.length} done, ${failures.length} failed, ${skipped.length} skipped in ${seconds} s → ${options.out}\n`,
  );
  if (failures.length) process.stderr.write(`Failed files:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
  return failures.length ? 1 : 0;
}

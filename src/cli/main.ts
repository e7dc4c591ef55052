import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultLabel, emptyDescriptive } from '../shared/descriptive';
import type { StoredImage } from '../shared/iiif-manifest';
import { uniqueImageId } from '../shared/image-id';
import { keyColumn, planJoin, rowToDescriptive } from '../shared/metadata-join';
import { parseMetadata } from '../shared/metadata-table';
import { imagesInBundle } from './collect';
import { expandInputs } from './inputs';
import { parseOptions } from './options';
import { runPool } from './pool';
import { writeBundleDocuments } from './write-bundle';

/** `vitrine tile …`: the app's engine on Node worker threads, writing the same static bundle to a folder. */
async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), availableParallelism());
  if (options.command === 'collect') {
    const images = await imagesInBundle(options.out);
    await writeBundleDocuments(options.out, images, options.baseUrl, options.title);
    process.stderr.write(`${images.length} images collected in ${options.out} for ${options.baseUrl}\n`);
    return images.length ? 0 : 1;
  }
  const { files, skipped } = await expandInputs(options.inputs);
  for (const path of skipped) process.stderr.write(`skipped (not an image): ${path}\n`);
  const taken = new Set<string>();
  const ids = files.map((f) => {
    const id = uniqueImageId(f.name, taken);
    taken.add(id);
    return id;
  });
  const jobs = files.map((f, i) => ({
    path: f.path,
    folder: join(options.out, ids[i]!),
    settings: options.settings,
    policy: options.policy,
  }));
  const images: (StoredImage | null)[] = files.map(() => null);
  const failures: string[] = [];
  let settled = 0;
  const started = performance.now();
  const workerFile = join(fileURLToPath(new URL('.', import.meta.url)), 'tile-worker.js');
  await runPool(jobs, options.jobs, workerFile, (i, result) => {
    const name = files[i]!.name;
    settled++;
    if (result.ok) {
      images[i] = {
        id: ids[i]!,
        width: result.width,
        height: result.height,
        settings: options.settings,
        descriptive: emptyDescriptive(defaultLabel(name)),
        sourceMetadata: result.metadata,
      };
      process.stderr.write(
        `[${settled}/${files.length}] done ${files[i]!.path} → ${ids[i]} (${result.width}×${result.height})\n`,
      );
    } else {
      failures.push(`${files[i]!.path}: ${result.error}`);
      process.stderr.write(`[${settled}/${files.length}] failed ${files[i]!.path}: ${result.error}\n`);
    }
  });
  const done = images.filter((i): i is StoredImage => i !== null);
  if (options.metadata) await applyMetadata(options.metadata, options.keyColumn, done, files, ids);
  if (done.length) await writeBundleDocuments(options.out, done, options.baseUrl, options.title);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `${done.length} done, ${failures.length} failed, ${skipped.length} skipped in ${seconds} s → ${options.out}\n`,
  );
  if (failures.length) process.stderr.write(`Failed files:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
  return failures.length ? 1 : 0;
}

async function applyMetadata(
  path: string,
  picked: string | undefined,
  done: StoredImage[],
  files: { name: string }[],
  ids: string[],
) {
  const table = parseMetadata(await readFile(path, 'utf8'));
  const key = keyColumn(table, picked);
  const names = new Map(ids.map((id, i) => [id, files[i]!.name]));
  const plan = planJoin(
    done.map((d) => ({ id: d.id, name: names.get(d.id)! })),
    table,
    key,
  );
  for (const image of done) {
    const row = plan.matches.get(image.id);
    if (row !== undefined)
      image.descriptive = rowToDescriptive(table.rows[row]!, table.columns, key, image.descriptive);
  }
  for (const row of plan.unmatchedRows)
    process.stderr.write(`metadata row ${row + 2} matches no image (${key}: ${table.rows[row]![key]})\n`);
  for (const id of plan.imagesWithoutRow) process.stderr.write(`no metadata row for ${names.get(id)}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);

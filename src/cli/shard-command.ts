import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usesImageApi2 } from '../shared/iiif-version';
import { planBatch } from '../shared/object-plan';
import {
  PART_FORMAT,
  PARTS_DIR,
  partManifestPath,
  type PartImage,
  type PartManifest,
  type PartOptions,
} from '../shared/part-manifest';
import { shardName, shardOfId, shardOfImages, type Shard } from '../shared/shard';
import { expandInputs } from './inputs';
import type { CliOptions } from './options';
import { openPartStore } from './open-part-store';
import { runPool } from './pool';
import type { CliJob } from './tile-worker';
import { tileOutcome } from './tile-outcome';

/** An image's completion record, `_shards/images/<id>.json`: written once its files are in place. */
interface ImageRecord {
  format: typeof PART_FORMAT;
  /** The file it was tiled from, as far as --skip-existing compares it. */
  source: { name: string; bytes: number; page: number | null };
  options: PartOptions;
  image: PartImage;
}

const recordPath = (id: string) => `${PARTS_DIR}/images/${id}.json`;

/**
 * `vitrine tile --shard I/N`: plans the whole input as a single run does (so every shard agrees on ids),
 * tiles this shard's share into a scratch folder, moves each image into place once it is complete, then
 * writes the part-manifest. It never writes the shared top-level documents: `vitrine assemble` does.
 */
export async function shardCommand(options: CliOptions & { shard: Shard }): Promise<number> {
  const { shard } = options;
  const { files, skipped } = await expandInputs(options.inputs);
  const plan = planBatch(files, options.objects, new Set());
  const shards = shardOfImages(plan, shard.count);
  const partOptions: PartOptions = {
    settings: options.settings,
    policy: options.policy,
    tiff: options.tiff,
    version: options.version,
    objects: options.objects,
  };
  const store = await openPartStore(options.out);
  const scratch = await store.scratch(shard);
  const mine = plan.images.flatMap((p, index) => (shards[index] === shard.index ? [{ p, index }] : []));
  const sources = await Promise.all(
    mine.map(async ({ p }) => ({
      name: files[p.file]!.name,
      bytes: (await stat(files[p.file]!.path)).size,
      page: p.page ?? null,
    })),
  );
  const images: PartImage[] = [];
  const toTile: number[] = [];
  for (const [n, { p, index }] of mine.entries()) {
    const earlier = options.skipExisting ? await store.readJson<ImageRecord>(recordPath(p.id)) : null;
    const same =
      earlier?.format === PART_FORMAT &&
      JSON.stringify(earlier.source) === JSON.stringify(sources[n]) &&
      JSON.stringify(earlier.options) === JSON.stringify(partOptions) &&
      earlier.image.id === p.id &&
      (await store.hasImage(p.id, options.tiff));
    if (same) images.push({ ...earlier.image, index });
    else toTile.push(n);
  }
  process.stderr.write(
    `${shardName(shard)}: ${mine.length} of ${plan.images.length} images` +
      (options.skipExisting ? `, ${mine.length - toTile.length} already complete\n` : '\n'),
  );
  const jobs: CliJob[] = toTile.map((n) => {
    const { p } = mine[n]!;
    return {
      path: files[p.file]!.path,
      folder: join(scratch, p.id),
      settings: options.settings,
      policy: options.policy,
      ...(p.page !== undefined ? { page: p.page } : {}),
      ...(options.tiff ? { tiff: join(scratch, `${p.id}.tif`) } : {}),
      ...(usesImageApi2(options.version) ? { imageApi2: true } : {}),
    };
  });
  let failed = 0;
  // Published one at a time, in the order images finish: a rename, or an upload to S3.
  let publishing = Promise.resolve();
  const workerFile = join(fileURLToPath(new URL('.', import.meta.url)), 'tile-worker.js');
  await runPool(jobs, options.jobs, workerFile, (j, result) => {
    const n = toTile[j]!;
    const { p, index } = mine[n]!;
    const outcome = tileOutcome(p, sources[n]!.name, options.settings, result);
    const image: PartImage = { index, id: p.id, name: sources[n]!.name, ...outcome };
    images.push(image);
    if (!outcome.image) {
      failed++;
      process.stderr.write(`failed ${jobs[j]!.path}: ${outcome.report.error}\n`);
      return;
    }
    const record: ImageRecord = { format: PART_FORMAT, source: sources[n]!, options: partOptions, image };
    publishing = publishing.then(async () => {
      await store.publish(p.id, jobs[j]!.folder, jobs[j]!.tiff);
      await store.writeJson(recordPath(p.id), record);
      process.stderr.write(`done ${jobs[j]!.path} → ${p.id}\n`);
    });
    // Awaited after the pool: a failed upload or rename then fails the shard (no part-manifest), not Node.
    publishing.catch(() => {});
  });
  await publishing;
  images.sort((a, b) => a.index - b.index);
  const part: PartManifest = {
    format: PART_FORMAT,
    shard: shard.index,
    count: shard.count,
    plan: { images: plan.images.length, objects: plan.objects.length, digest: planDigest(plan.images, plan.objects) },
    options: partOptions,
    images,
    objects: plan.objects.flatMap((object, index) =>
      shardOfId(object.id, shard.count) === shard.index ? [{ index, object }] : [],
    ),
  };
  await store.writeJson(partManifestPath(shard.index, shard.count), part);
  await store.close();
  process.stderr.write(
    `${shardName(shard)}: ${images.length - failed} done, ${failed} failed, ${skipped.length} skipped → ${store.where}\n`,
  );
  return failed ? 1 : 0;
}

/** A digest of the whole plan, ids in order with their files' places: shards of one run share it. */
function planDigest(images: readonly { id: string; file: number }[], objects: readonly { id: string }[]): string {
  const hash = createHash('sha256');
  for (const i of images) hash.update(`${i.file}\t${i.id}\n`);
  for (const o of objects) hash.update(`object\t${o.id}\n`);
  return hash.digest('hex');
}

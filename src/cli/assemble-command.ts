import { resolve } from 'node:path';
import { emptyDescriptive } from '../shared/descriptive';
import type { StoredImage } from '../shared/iiif-manifest';
import type { StoredObject } from '../shared/iiif-object';
import { checkParts, PARTS_DIR, type FoundPart, type PartManifest } from '../shared/part-manifest';
import { applyTable } from './apply-table';
import type { CliOptions } from './options';
import { openPartStore } from './open-part-store';
import { FolderPartStore } from './part-store';
import { S3PartStore } from './s3-part-store';
import { bundleDocumentFiles, writeBundleDocuments } from './write-bundle';

/**
 * `vitrine assemble PARTS… --out BUNDLE`: checks that the parts are all N shards of one run, each once,
 * brings their image folders into BUNDLE when they are elsewhere, and writes the documents a single run
 * would have written: collection, manifests, info.json, index, report and index.html.
 */
export async function assembleCommand(options: CliOptions): Promise<number> {
  const stores = new Map<string, FolderPartStore | S3PartStore>();
  for (const input of options.inputs) {
    const store = await openPartStore(input);
    stores.set(store.where, store);
  }
  const found: FoundPart[] = [];
  for (const store of stores.values())
    for (const name of await store.partNames()) {
      const part = await store.readJson<PartManifest>(`${PARTS_DIR}/${name}`);
      if (part) found.push({ where: store.where, part });
    }
  const checked = checkParts(found);
  const out = await openPartStore(options.out);
  const { tiff } = checked.options;
  const missing: string[] = [];
  for (const image of checked.images) {
    if (!image.image) continue;
    const from = stores.get(image.where)!;
    if (!(await from.hasImage(image.id, tiff))) missing.push(`image ${image.id}: not complete in ${image.where}`);
    else if (from.where !== out.where) {
      if (!(from instanceof FolderPartStore) || !(out instanceof FolderPartStore))
        throw new Error(`assemble into ${out.where} reads its parts there: the shards must write to it`);
      await from.copyImageTo(image.id, tiff, out.where);
    }
  }
  if (missing.length) throw new Error(missing.join('\n'));

  const images: StoredImage[] = checked.images.flatMap((i) => (i.image ? [i.image] : []));
  let objects: StoredObject[] = checked.objects.map((o) => ({ ...o, descriptive: emptyDescriptive(o.name) }));
  if (options.metadata) {
    const names = new Map(checked.images.map((i) => [i.id, i.name]));
    const taken = new Set([...checked.images.map((i) => i.id), ...objects.map((o) => o.id)]);
    objects = await applyTable(options.metadata, options.keyColumn, images, objects, names, taken);
  }
  const content = { images, objects, report: checked.images.map((i) => i.report) };
  if (out instanceof S3PartStore) {
    for (const [path, text] of bundleDocumentFiles(content, options.baseUrl, options.title, checked.options.version))
      await out.put(path, new TextEncoder().encode(text));
  } else
    await writeBundleDocuments(resolve(out.where), content, options.baseUrl, options.title, checked.options.version);
  const failed = checked.images.length - images.length;
  process.stderr.write(
    `${checked.count} shards, ${images.length} images, ${objects.length} objects, ${failed} failed → ${out.where}\n`,
  );
  return failed ? 1 : 0;
}

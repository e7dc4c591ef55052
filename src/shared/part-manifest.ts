import type { ReportInput } from './batch-report';
import type { StoredImage } from './iiif-manifest';
import type { StoredObject } from './iiif-object';
import type { IiifVersion } from './iiif-version';
import { isSafeImageId } from './image-id';
import type { InputPolicy } from './input-policy';
import type { ObjectsMode } from './object-plan';
import type { TileSettings } from './settings';
import { shardName, shardOfId } from './shard';

export const PART_FORMAT = 'vitrine-part/1';
/** The shards' bookkeeping folder in an output: `_` never starts an image id, so no image can take it. */
export const PARTS_DIR = '_shards';
export const partManifestPath = (index: number, count: number) => `${PARTS_DIR}/shard-${index}-of-${count}.json`;
export const isPartManifestName = (name: string) => /^shard-\d+-of-\d+\.json$/.test(name);

/** Everything that changes a tile's bytes or the documents' shape: shards must agree on all of it. */
export interface PartOptions {
  settings: TileSettings;
  policy: InputPolicy;
  tiff: boolean;
  version: IiifVersion;
  objects: ObjectsMode;
}

/** One planned image of a shard: its place in the whole batch's plan, what it became, its report row. */
export interface PartImage {
  index: number;
  id: string;
  /** Its file's name: what a metadata table matches. */
  name: string;
  /** Absent when it failed. */
  image?: StoredImage;
  report: ReportInput;
}

/** What one shard wrote: `_shards/shard-I-of-N.json`, the last file it writes. */
export interface PartManifest {
  format: typeof PART_FORMAT;
  shard: number;
  count: number;
  /** The whole batch's plan, as every shard made it: counts and a digest of every id in order. */
  plan: { images: number; objects: number; digest: string };
  options: PartOptions;
  images: PartImage[];
  objects: { index: number; object: Omit<StoredObject, 'descriptive'> }[];
}

const partName = (p: PartManifest) => shardName({ index: p.shard, count: p.count });

/** A part-manifest and where it was read (a folder or an S3 URL), for messages. */
export interface FoundPart {
  where: string;
  part: PartManifest;
}

export interface CheckedParts {
  count: number;
  options: PartOptions;
  /** Every planned image once, in plan order, with the part it came from. */
  images: (PartImage & { where: string })[];
  objects: Omit<StoredObject, 'descriptive'>[];
}

/**
 * That the parts are the N shards of one batch, each once, with every planned image and object in
 * exactly one of them and in the shard its id sends it to. Throws one message naming every problem.
 */
export function checkParts(found: readonly FoundPart[]): CheckedParts {
  const problems: string[] = [];
  const first = found[0]?.part;
  if (!first) throw new Error('no part-manifests (_shards/shard-I-of-N.json) found: did the shards run?');
  for (const { where, part } of found) {
    if (part.format !== PART_FORMAT) problems.push(`${where}: not a ${PART_FORMAT} part-manifest`);
    else if (part.count !== first.count) problems.push(`${where}: of ${part.count} shards, not ${first.count}`);
    else if (JSON.stringify(part.options) !== JSON.stringify(first.options))
      problems.push(`${partName(part)} (${where}) was tiled with other settings than ${partName(first)}`);
    else if (part.plan.digest !== first.plan.digest)
      problems.push(`${partName(part)} (${where}) planned other input files than ${partName(first)}`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
  const count = first.count;
  const byShard = new Map<number, string[]>();
  for (const { where, part } of found) byShard.set(part.shard, [...(byShard.get(part.shard) ?? []), where]);
  for (let s = 0; s < count; s++) {
    const places = byShard.get(s) ?? [];
    if (places.length === 0) problems.push(`${shardName({ index: s, count })} missing`);
    if (places.length > 1) problems.push(`${shardName({ index: s, count })} found twice: ${places.join(' and ')}`);
  }
  if (problems.length) throw new Error(problems.join('\n'));

  const objectOf = new Map<string, string>();
  const objects: { index: number; object: Omit<StoredObject, 'descriptive'> }[] = [];
  for (const { part } of found)
    for (const o of part.objects) {
      objects.push(o);
      for (const c of o.object.canvases) objectOf.set(c, o.object.id);
    }
  const images: CheckedParts['images'] = [];
  const shardsOf = new Map<number, number[]>();
  for (const { where, part } of found)
    for (const image of part.images) {
      if (!isSafeImageId(image.id) || image.id !== image.report.id || (image.image && image.image.id !== image.id)) {
        problems.push(`${where}: refusing the unsafe or inconsistent image id “${image.id}”`);
        continue;
      }
      const home = shardOfId(objectOf.get(image.id) ?? image.id, count);
      if (home !== part.shard)
        problems.push(`image ${image.id} is in shard ${part.shard} but belongs to shard ${home}`);
      const seen = shardsOf.get(image.index) ?? [];
      if (seen.length) problems.push(`image ${image.id} in shards ${[...seen, part.shard].join(' and ')}`);
      shardsOf.set(image.index, [...seen, part.shard]);
      images.push({ ...image, where });
    }
  for (let i = 0; i < first.plan.images; i++)
    if (!shardsOf.has(i)) problems.push(`image ${i + 1} of ${first.plan.images} of the plan is in no shard`);
  if (images.length > first.plan.images && !problems.length) problems.push('more images than planned');
  objects.sort((a, b) => a.index - b.index);
  objects.forEach((o, i) => {
    if (o.index !== i) problems.push(`object ${i + 1} of ${first.plan.objects} of the plan is in no shard`);
  });
  if (objects.length !== first.plan.objects && !problems.length)
    problems.push(`${objects.length} objects, ${first.plan.objects} planned`);
  if (problems.length) throw new Error(problems.join('\n'));
  images.sort((a, b) => a.index - b.index);
  return { count, options: first.options, images, objects: objects.map((o) => o.object) };
}

import { describe, expect, it } from 'vitest';
import { planBatch } from './object-plan';
import { checkParts, PART_FORMAT, type FoundPart, type PartManifest } from './part-manifest';
import { DEFAULT_INPUT_POLICY } from './input-policy';
import { DEFAULT_SETTINGS } from './settings';
import { shardOfId, shardOfImages } from './shard';

const files = [
  ...Array.from({ length: 6 }, (_, i) => ({ name: `leaf-${i}.png`, folder: 'book', pages: 1 })),
  ...Array.from({ length: 10 }, (_, i) => ({ name: `photo-${i}.jpg`, folder: null, pages: 1 })),
];
const plan = planBatch(files, 'folders', new Set());
const options = {
  settings: DEFAULT_SETTINGS,
  policy: DEFAULT_INPUT_POLICY,
  tiff: false,
  version: '3' as const,
  objects: 'folders' as const,
};

/** The N part-manifests the CLI's shards would write for `plan`. */
function parts(count: number): FoundPart[] {
  const shards = shardOfImages(plan, count);
  return Array.from({ length: count }, (_, shard) => {
    const part: PartManifest = {
      format: PART_FORMAT,
      shard,
      count,
      plan: { images: plan.images.length, objects: plan.objects.length, digest: 'd' },
      options,
      images: plan.images.flatMap((p, index) =>
        shards[index] === shard
          ? [
              {
                index,
                id: p.id,
                name: files[p.file]!.name,
                report: {
                  id: p.id,
                  name: p.id,
                  state: 'failed' as const,
                  width: 0,
                  height: 0,
                  settings: DEFAULT_SETTINGS,
                  storedBytes: 0,
                  warnings: [],
                },
              },
            ]
          : [],
      ),
      objects: plan.objects.flatMap((object, index) =>
        shardOfId(object.id, count) === shard ? [{ index, object }] : [],
      ),
    };
    return { where: `/parts/${shard}`, part };
  });
}

describe('checking the parts of a sharded run', () => {
  it('gives every image and object once, in plan order, from four shards in any order', () => {
    const checked = checkParts(parts(4).reverse());
    expect(checked.images.map((i) => i.id)).toEqual(plan.images.map((p) => p.id));
    expect(checked.objects.map((o) => o.id)).toEqual(['book']);
  });

  it('names a missing shard and a shard given twice', () => {
    const four = parts(4);
    expect(() => checkParts(four.filter((p) => p.part.shard !== 2))).toThrow('shard 2 of 4 missing');
    expect(() => checkParts([...four, { ...four[1]!, where: '/elsewhere' }])).toThrow(
      'shard 1 of 4 found twice: /parts/1 and /elsewhere',
    );
    expect(() => checkParts([])).toThrow('no part-manifests');
  });

  it('names an image in two shards, and refuses shards of different runs', () => {
    const four = parts(4);
    const moved = four.find((p) => p.part.images.length)!;
    const other = four.find((p) => p !== moved)!;
    other.part.images.push(moved.part.images[0]!);
    const id = moved.part.images[0]!.id;
    expect(() => checkParts(four)).toThrow(`image ${id} in shards ${moved.part.shard} and ${other.part.shard}`);
    const mixed = [...parts(4).slice(0, 3), parts(3)[0]!];
    expect(() => checkParts(mixed)).toThrow('of 3 shards, not 4');
    const retuned = parts(2);
    retuned[1]!.part.options = { ...options, settings: { ...DEFAULT_SETTINGS, quality: 70 } };
    expect(() => checkParts(retuned)).toThrow(
      'shard 1 of 2 (/parts/1) was tiled with other settings than shard 0 of 2',
    );
  });

  it('refuses an id that could become a path outside the bundle', () => {
    const two = parts(2);
    const image = two.find((p) => p.part.images.length)!.part.images[0]!;
    image.id = '../../etc';
    expect(() => checkParts(two)).toThrow('refusing the unsafe or inconsistent image id “../../etc”');
  });
});

import { describe, expect, it } from 'vitest';
import { planBatch } from './object-plan';
import { parseShard, shardOfId, shardOfImages, stableHash } from './shard';

describe('--shard I/N', () => {
  it('reads I from 0 to N-1 and refuses anything else by name', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    for (const bad of ['4/4', '1/0', '-1/4', '1', 'a/b', '1/4/2', ''])
      expect(() => parseShard(bad), bad).toThrow('--shard must be I/N');
  });
});

describe('shard assignment', () => {
  it('is a fixed function of the id (values computed independently, in Python)', () => {
    expect(stableHash('')).toBe(2872998923);
    expect(stableHash('a')).toBe(444641715);
    expect(['page-1', 'page-2', 'page-3', 'page-4'].map((id) => shardOfId(id, 4))).toEqual([2, 0, 2, 0]);
  });

  it('spreads ids over the shards roughly evenly', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOfId(`img-${i}`, 4)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });

  it('keeps an object whole, and a loose image where its id sends it, whatever else is in the batch', () => {
    const files = [
      ...Array.from({ length: 12 }, (_, i) => ({ name: `leaf-${i}.png`, folder: 'box/book', pages: 1 })),
      { name: 'loose.jpg', folder: null, pages: 1 },
      { name: 'scroll.tif', folder: null, pages: 3 },
    ];
    const plan = planBatch(files, 'folders', new Set());
    const shards = shardOfImages(plan, 5);
    const ofId = (id: string) => shards[plan.images.findIndex((p) => p.id === id)];
    for (const o of plan.objects) expect(new Set(o.canvases.map(ofId)), o.id).toEqual(new Set([shardOfId(o.id, 5)]));
    expect(ofId('loose')).toBe(shardOfId('loose', 5));
    // Planned again with more images, the same ids land in the same shards.
    const more = planBatch([...files, { name: 'zz-late.png', folder: null, pages: 1 }], 'folders', new Set());
    const again = shardOfImages(more, 5);
    plan.images.forEach((p, i) => expect(again[more.images.findIndex((q) => q.id === p.id)], p.id).toBe(shards[i]));
  });
});

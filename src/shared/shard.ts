import type { BatchPlan } from './object-plan';

/** Which of N parts a run tiles: `--shard I/N`, I counted from 0 as Slurm array and Kubernetes indexes are. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count || !Number.isSafeInteger(count))
    throw new Error(`--shard must be I/N with I from 0 to N-1 (as SLURM_ARRAY_TASK_ID counts), not “${text}”`);
  return { index, count };
}

/** `shard 2 of 4`: how messages name a part. */
export const shardName = (s: Shard) => `shard ${s.index} of ${s.count}`;

/**
 * 32-bit FNV-1a over the UTF-8 bytes, then MurmurHash3's finaliser so that ids differing in a last
 * character still spread over the shards. The same on every machine and in every Node version.
 */
export function stableHash(key: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The shard of a unit of work by its id alone: adding or removing other images never moves it. */
export const shardOfId = (id: string, count: number) => stableHash(id) % count;

/**
 * The shard of every planned image: an image inside an object goes where its object's id sends it (an
 * object's canvases are tiled by one shard), every other image where its own id does.
 */
export function shardOfImages(plan: BatchPlan, count: number): number[] {
  const objectOf = new Map<string, string>();
  for (const o of plan.objects) for (const c of o.canvases) objectOf.set(c, o.id);
  return plan.images.map((p) => shardOfId(objectOf.get(p.id) ?? p.id, count));
}

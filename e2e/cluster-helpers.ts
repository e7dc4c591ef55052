import { expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { writeTiff } from '../test/tiff-writer';

export const BASE = 'https://example.org/iiif';
export const CLI = join(process.cwd(), 'dist-cli/vitrine.js');

export async function vitrine(args: string[], env: NodeJS.ProcessEnv = process.env) {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { env });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

/**
 * A folder of made images: `count` JPEGs of different sizes, a PNG in a subfolder and a three-page TIFF
 * (one object of three canvases, which must stay whole in one shard). `noise` makes them slow to tile.
 */
export async function makeImageFolder(dir: string, count: number, size = 700, noise = false): Promise<string> {
  mkdirSync(join(dir, 'scans', 'box'), { recursive: true });
  for (let n = 0; n < count; n++) {
    const background = { r: (n * 40) % 256, g: (n * 90) % 256, b: 120 };
    const width = size + n * 37;
    const height = Math.round(size * 0.7) + n * 11;
    const gaussian = { type: 'gaussian' as const, mean: 128, sigma: 40 };
    const create = { width, height, channels: 3 as const, background, ...(noise ? { noise: gaussian } : {}) };
    await sharp({ create })
      .jpeg()
      .toFile(join(dir, 'scans', `photo-${n}.jpg`));
  }
  await sharp({ create: { width: 420, height: 300, channels: 4, background: { r: 9, g: 99, b: 199, alpha: 0.5 } } })
    .png()
    .toFile(join(dir, 'scans', 'box', 'label.png'));
  const page = (grey: number) => ({
    width: 400,
    height: 300,
    samples: 1,
    bits: 8 as const,
    photometric: 1 as const,
    data: Buffer.alloc(400 * 300, grey),
  });
  const tiff = writeTiff([page(40), page(130), page(220)]);
  writeFileSync(join(dir, 'scans', 'register.tif'), tiff);
  return join(dir, 'scans');
}

/** Every file below `root` by its path, leaving out the shards' bookkeeping (`_shards/`). */
export function readBundle(root: string, dir = root): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (dir === root && name === '_shards') continue;
    if (statSync(path).isDirectory()) for (const [k, v] of readBundle(root, path)) files.set(k, v);
    else files.set(relative(root, path), readFileSync(path));
  }
  return files;
}

/** The report without its timings: the one thing two runs may not share. */
function withoutTimes(path: string, bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (path === 'report.json') {
    const report = JSON.parse(text) as { rows: { ms?: number }[]; totals?: { ms?: number } };
    for (const row of report.rows) delete row.ms;
    delete report.totals?.ms;
    return JSON.stringify(report);
  }
  // report.csv: the ms column, found by its header (these fixtures' names hold no comma).
  const lines = text.split('\n');
  const ms = lines[0]!.split(',').indexOf('ms');
  return lines.map((line) => line.split(',').toSpliced(ms, 1).join(',')).join('\n');
}

/** Same paths, same bytes, the report's times aside; returns how many files were compared byte for byte. */
export function expectSameBundle(actual: Map<string, Buffer>, expected: Map<string, Buffer>): number {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  let exact = 0;
  for (const [path, bytes] of expected) {
    if (path === 'report.json' || path === 'report.csv')
      expect(withoutTimes(path, actual.get(path)!), path).toBe(withoutTimes(path, bytes));
    else {
      expect(actual.get(path)!.equals(bytes), `${path} differs`).toBe(true);
      exact++;
    }
  }
  return exact;
}

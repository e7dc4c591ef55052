import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { expect, test } from '@playwright/test';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_CACHE_RULES } from '../src/shared/cache-rules';
import { contentTypeOf } from '../src/shared/content-type';
import { S3_CREDENTIALS, S3_ENDPOINT, s3Client } from '../test/s3-local';
import { BASE, CLI, expectSameBundle, makeImageFolder, readBundle, vitrine } from './cluster-helpers';
import { listBucket } from './s3-publish';

// Files: the app's Chromium is not needed, only the built CLI (dist-cli) and, for one test each, Slurm and S3.
const root = mkdtempSync(join(tmpdir(), 'vitrine-cluster-'));
test.afterAll(() => rmSync(root, { recursive: true, force: true }));
let made: Promise<{ input: string; single: Map<string, Buffer>; singleMs: number }> | null = null;

/** The made folder of images, and the bundle one `vitrine tile` makes of it: what every sharded run must equal. */
function singleRun() {
  made ??= (async () => {
    const input = await makeImageFolder(join(root, 'in'), 12);
    const started = performance.now();
    const run = await vitrine(['tile', input, '--out', join(root, 'single'), '--base-url', BASE, '--jobs', '1']);
    expect(run.code, run.stderr).toBe(0);
    return { input, single: readBundle(join(root, 'single')), singleMs: performance.now() - started };
  })();
  return made;
}

test('four shards into their own folders, assembled into a fifth: the single run’s bundle, byte for byte', async () => {
  const { input, single, singleMs } = await singleRun();
  const parts = [0, 1, 2, 3].map((i) => join(root, `part-${i}`));
  const started = performance.now();
  for (const [i, part] of parts.entries()) {
    const run = await vitrine(['tile', input, '--out', part, '--shard', `${i}/4`, '--jobs', '1']);
    expect(run.code, run.stderr).toBe(0);
    // A shard writes its images and its bookkeeping, never the shared documents.
    for (const name of ['collection.json', 'index.json', 'index.html', 'report.json'])
      expect(existsSync(join(part, name)), name).toBe(false);
    expect(existsSync(join(part, `_shards/shard-${i}-of-4.json`))).toBe(true);
  }
  const shardsMs = performance.now() - started;
  // The three-page TIFF is one object: its pages are in one shard's folder, and no other.
  const holding = parts.filter((p) => existsSync(join(p, 'register-p1')));
  expect(holding).toHaveLength(1);
  expect(['register-p2', 'register-p3'].every((id) => existsSync(join(holding[0]!, id)))).toBe(true);

  const out = join(root, 'assembled');
  const run = await vitrine(['assemble', ...parts, '--out', out, '--base-url', BASE]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain('4 shards, 16 images, 1 objects, 0 failed');
  expect(expectSameBundle(readBundle(out), single)).toBeGreaterThan(100);
  test.info().annotations.push({
    type: 'timing',
    description: `single run ${Math.round(singleMs)} ms; four shards one after another ${Math.round(shardsMs)} ms`,
  });

  // A missing shard, a shard given twice: refused by name, nothing written.
  const missing = await vitrine([
    'assemble',
    parts[0]!,
    parts[1]!,
    parts[3]!,
    '--out',
    join(root, 'x'),
    '--base-url',
    BASE,
  ]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('shard 2 of 4 missing');
  expect(existsSync(join(root, 'x'))).toBe(false);
  cpSync(parts[1]!, join(root, 'copy-of-1'), { recursive: true });
  const twice = await vitrine([
    'assemble',
    ...parts,
    join(root, 'copy-of-1'),
    '--out',
    join(root, 'y'),
    '--base-url',
    BASE,
  ]);
  expect(twice.code).toBe(2);
  expect(twice.stderr).toContain(`shard 1 of 4 found twice: ${parts[1]} and ${join(root, 'copy-of-1')}`);
});

test('a shard killed mid-image leaves no partial image; re-run with --skip-existing, the bundle is the same', async () => {
  test.setTimeout(240_000);
  const input = await makeImageFolder(join(root, 'big'), 6, 1800, true);
  const single = join(root, 'big-single');
  expect((await vitrine(['tile', input, '--out', single, '--base-url', BASE, '--jobs', '1'])).code).toBe(0);
  const out = join(root, 'big-shared');
  const args = ['tile', input, '--out', out, '--jobs', '1', '--skip-existing'];
  const other = await vitrine([...args, '--shard', '1/2']);
  expect(other.code, other.stderr).toBe(0);

  // Shard 0 of 2 is killed (SIGKILL, no clean-up) once it has finished one image and started another.
  const scratch = join(out, '_shards/tmp/shard-0-of-2');
  // Names only of finished records (a record is written to .partial first), and of folders being tiled.
  const list = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch {
      return []; // not there yet, or renamed away between two looks
    }
  };
  const recordIds = () =>
    list(join(out, '_shards/images')).flatMap((f) => (f.endsWith('.json') ? [f.slice(0, -5)] : []));
  const records = () => recordIds().length;
  const before = records();
  const child = spawn(process.execPath, [CLI, ...args, '--shard', '0/2'], { stdio: 'ignore' });
  const deadline = Date.now() + 120_000;
  let inProgress: string[] = [];
  while (Date.now() < deadline) {
    inProgress = list(scratch).filter((d) => list(join(scratch, d)).length);
    if (records() > before && inProgress.length) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  expect(inProgress.length, 'an image was being tiled when the shard was killed').toBeGreaterThan(0);
  expect(existsSync(join(out, '_shards/shard-0-of-2.json'))).toBe(false);
  // Only complete images are in place: each folder there has its completion record, the one in progress none.
  const placed = readdirSync(out).filter((d) => d !== '_shards');
  const recorded = recordIds();
  expect(placed.sort()).toEqual(recorded.sort());
  for (const id of inProgress) expect(placed).not.toContain(id);
  const early = await vitrine(['assemble', out, '--out', out, '--base-url', BASE]);
  expect(early.stderr).toContain('shard 0 of 2 missing');

  const rerun = await vitrine([...args, '--shard', '0/2']);
  expect(rerun.code, rerun.stderr).toBe(0);
  expect(rerun.stderr).toContain(`, ${recorded.length - before} already complete`);
  expect(existsSync(join(out, '_shards/tmp'))).toBe(false);
  const run = await vitrine(['assemble', out, '--out', out, '--base-url', BASE]);
  expect(run.code, run.stderr).toBe(0);
  expectSameBundle(readBundle(out), readBundle(single));
});

test('shards write straight to S3 (the local radosgw), assemble writes the documents there: the same bundle', async () => {
  test.skip(!S3_ENDPOINT, 'VITRINE_S3_ENDPOINT unset: no local S3 server (npm test starts radosgw)');
  const { input, single } = await singleRun();
  const client = s3Client();
  const bucket = `vitrine-shards-${Date.now().toString(36)}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  // Credentials only from the environment, as on a cluster node.
  const env = {
    ...process.env,
    S3_ENDPOINT,
    AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
  };
  const url = `s3://${bucket}/collections/2026/`;
  for (const i of [0, 1, 2]) {
    const run = await vitrine(['tile', input, '--out', url, '--shard', `${i}/3`, '--jobs', '1'], env);
    expect(run.code, run.stderr).toBe(0);
  }
  // Run again, a shard finds its images complete in the bucket (their records) and tiles none.
  const again = await vitrine(['tile', input, '--out', url, '--shard', '1/3', '--jobs', '1', '--skip-existing'], env);
  expect(again.code, again.stderr).toBe(0);
  expect(again.stderr).toMatch(/shard 1 of 3: (\d+) of 16 images, \1 already complete/);
  const run = await vitrine(['assemble', url, '--out', url, '--base-url', BASE], env);
  expect(run.code, run.stderr).toBe(0);
  const stored = await listBucket(client, bucket, 'collections/2026/');
  const bundle = new Map(
    [...stored]
      .filter(([k]) => !k.includes('/_shards/'))
      .map(([k, v]) => [k.slice('collections/2026/'.length), v.bytes]),
  );
  expect(expectSameBundle(bundle, single)).toBeGreaterThan(100);
  for (const [key, object] of stored) {
    if (key.includes('/_shards/')) continue;
    expect(object.contentType, key).toBe(contentTypeOf(key));
    const rule = contentTypeOf(key).startsWith('image/') ? DEFAULT_CACHE_RULES.images : DEFAULT_CACHE_RULES.documents;
    expect(object.cacheControl, key).toBe(rule);
  }
});

test('the Slurm recipe: an array of 4 tasks and an assemble job after it make the single run’s bundle', async () => {
  test.skip(
    !process.env.VITRINE_SLURM_CONF,
    process.env.VITRINE_SLURM_SKIP ??
      'VITRINE_SLURM_CONF unset: no Slurm running (npm test starts one, scripts/slurm/start.sh)',
  );
  test.setTimeout(300_000);
  const { input, single } = await singleRun();
  const work = mkdtempSync(join(root, 'slurm-'));
  const bundle = join(work, 'bundle');
  const env = { ...process.env, SLURM_CONF: process.env.VITRINE_SLURM_CONF, VITRINE: `${process.execPath} ${CLI}` };
  const run = async (command: string, args: string[]) =>
    (await promisify(execFile)(command, args, { env, cwd: work })).stdout.trim();
  const started = performance.now();
  // The two commands docs/cluster.md gives, with these paths.
  const recipe = join(process.cwd(), 'cluster/slurm');
  const array = await run('sbatch', ['--parsable', '--array=0-3', join(recipe, 'tile-array.sbatch'), input, bundle]);
  const assembleId = await run('sbatch', [
    '--parsable',
    `--dependency=afterok:${array}`,
    join(recipe, 'assemble.sbatch'),
    bundle,
    BASE,
  ]);
  const deadline = Date.now() + 240_000;
  while ((await run('squeue', ['-h', '-j', `${array},${assembleId}`])) !== '') {
    expect(Date.now(), 'the Slurm jobs finish within 4 minutes').toBeLessThan(deadline);
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const id of [`${array}_0`, `${array}_1`, `${array}_2`, `${array}_3`, assembleId]) {
    const state = await run('scontrol', ['show', 'job', '-o', id]);
    expect(state, id).toMatch(/JobState=COMPLETED .*ExitCode=0:0/);
  }
  expect(expectSameBundle(readBundle(bundle), single)).toBeGreaterThan(100);
  test.info().annotations.push({ type: 'timing', description: `Slurm array of 4 + assemble: ${seconds} s` });
  process.stdout.write(`Slurm array of 4 tasks + assemble job, submit to bundle: ${seconds} s\n`);
  rmSync(work, { recursive: true, force: true });
});

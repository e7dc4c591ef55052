import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeOpenJpeg } from '../src/cli/openjpeg-node';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import type { BundleSink } from '../src/worker/engine/pyramid-writer';
import { recordWasmMemories, wasmMemoryBytes } from '../src/worker/wasm-memory';
import { jp2Dir } from './jp2-fixtures';
import { meanDifference } from './pixels';
import { tileBytesInto } from './tile-bytes';

// Its own file, so its own wasm-vips: the heap only grows, and other tests' images must not count.
recordWasmMemories();

const SIDE = 20000;

/** Keeps the files it is asked for, counts the rest (a 400-megapixel pyramid is not kept in memory). */
class CountingSink implements BundleSink {
  readonly kept = new Map<string, Uint8Array>();
  count = 0;
  constructor(private readonly keep: (path: string) => boolean) {}
  put(path: string, bytes: Uint8Array) {
    this.count++;
    if (this.keep(path)) this.kept.set(path, bytes);
  }
  async flush() {}
  async clear() {
    this.kept.clear();
    this.count = 0;
  }
}

/** 20000×20000 RGB, 1024² codestream tiles, lossy 9/7 at 50:1, made by Debian's libvips and opj_compress. */
function makeMaster(): Uint8Array {
  const v = (...args: string[]) => execFileSync('vips', args, { stdio: 'ignore' });
  const [sines, grey, ppm, jp2] = ['sines.v', 'grey.v', 'big.ppm', 'big.jp2'].map((n) => join(jp2Dir, n));
  v('sines', sines!, `${SIDE}`, `${SIDE}`, '--hfreq', '7', '--vfreq', '5');
  v('linear', sines!, grey!, '100', '128', '--uchar');
  v('bandjoin', `${grey} ${grey} ${grey}`, ppm!);
  rmSync(sines!);
  rmSync(grey!);
  execFileSync('opj_compress', ['-i', ppm!, '-o', jp2!, '-t', '1024,1024', '-r', '50'], { stdio: 'ignore' });
  rmSync(ppm!);
  return new Uint8Array(readFileSync(jp2!));
}

describe('a 20000×20000 JPEG 2000', () => {
  it('tiles with libvips and OpenJPEG together under 512 MiB of wasm memory', async () => {
    const bytes = makeMaster();
    const corner = `19968,19968,32,32/32,32/0/default.jpg`;
    const sink = new CountingSink((path) => path === corner);
    const { outcome } = await tileBytesInto(sink, bytes, { ...DEFAULT_SETTINGS, quality: 95 });
    expect([outcome.width, outcome.height]).toEqual([SIDE, SIDE]);
    expect(outcome.notes[0]).toBe('JPEG 2000, 8-bit, 400 codestream tiles');
    const openJpegBytes = (await nodeOpenJpeg()).memoryBytes();
    const total = wasmMemoryBytes() + openJpegBytes;
    console.log(`wasm memory: libvips ${wasmMemoryBytes() / 2 ** 20} MiB + OpenJPEG ${openJpegBytes / 2 ** 20} MiB`);
    expect(openJpegBytes).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(512 * 2 ** 20);
    // The last tile shows what opj_decompress decodes there.
    const region = join(jp2Dir, 'corner.png');
    execFileSync('opj_decompress', ['-i', join(jp2Dir, 'big.jp2'), '-o', region, '-d', '19968,19968,20000,20000'], {
      stdio: 'ignore',
    });
    expect(await meanDifference(sink.kept.get(corner)!, region)).toBeLessThanOrEqual(2);
  }, 900_000);
});

import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fsReadAt, fsSourceOpener } from '../src/cli/fs-source';
import { DEFAULT_INPUT_POLICY } from '../src/shared/input-policy';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { tileImage } from '../src/worker/engine/tile-image';
import { MemorySink } from './memory-sink';
import { tileBytes } from './tile-bytes';
import { nodeOpenJpeg } from '../src/cli/openjpeg-node';

describe('fsSourceOpener', () => {
  it.each([
    ['reading it whole', undefined],
    ['reading it through its window', 0],
  ])('gives the CLI the same tiles as a source in memory, %s', async (_, wholeReadMaxBytes) => {
    // Noise at quality 100: a JPEG of several read-ahead windows (1 MiB each).
    const noise = { type: 'gaussian' as const, mean: 128, sigma: 50 };
    const jpeg = await sharp({ create: { width: 1500, height: 1200, channels: 3, background: '#777', noise } })
      .jpeg({ quality: 100 })
      .toBuffer();
    expect(jpeg.length).toBeGreaterThan(1 << 20);
    const folder = mkdtempSync(join(tmpdir(), 'vitrine-fs-source-'));
    const path = join(folder, 'photo.jpg');
    writeFileSync(path, jpeg);
    const fd = openSync(path, 'r');
    try {
      const { outcome, sink: expected, vips } = await tileBytes(jpeg);
      const sink = new MemorySink();
      const fromFile = await tileImage(
        vips,
        {
          head: jpeg.subarray(0, 512),
          byteLength: jpeg.length,
          openSource: fsSourceOpener(vips, fd, jpeg.length, wholeReadMaxBytes),
          readAt: fsReadAt(fd),
          openJpeg: nodeOpenJpeg,
          settings: DEFAULT_SETTINGS,
          policy: DEFAULT_INPUT_POLICY,
        },
        sink,
        { onStart: () => {}, onProgress: () => {} },
      );
      expect(fromFile).toEqual(outcome);
      expect([...sink.files.keys()].sort()).toEqual([...expected.files.keys()].sort());
      for (const [name, bytes] of expected.files) {
        expect(Buffer.from(sink.files.get(name)!).equals(Buffer.from(bytes)), name).toBe(true);
      }
    } finally {
      closeSync(fd);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

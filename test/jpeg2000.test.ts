import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sizePath } from '../src/shared/pyramid';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { netpbm, opjCompress, opjReference, pattern } from './jp2-fixtures';
import { meanDifference } from './pixels';
import { tileBytes } from './tile-bytes';

// Quality 95: what is measured is the decoding, not JPEG's own loss on a pattern of hard edges.
const settings = { ...DEFAULT_SETTINGS, tileSize: 256 as const, quality: 95 };

/** Tiles `file` and returns the largest stored size (the full image here) and the outcome. */
async function tileJp2(file: Uint8Array) {
  const { outcome, sink } = await tileBytes(file, settings);
  const full = sink.files.get(sizePath(outcome, 'jpg'));
  if (!full) throw new Error(`no full-size JPEG among ${sink.files.size} files`);
  return { outcome, full, sink };
}

describe('JPEG 2000 of each kind, against opj_decompress', () => {
  const w = 700;
  const h = 530;
  const rgb = netpbm('rgb8', w, h, 3, 8, pattern(w, h, 3));
  it.each<[string, string, string[]]>([
    ['lossy 9/7, tiled, 3 layers, 6 levels', 'lossy.jp2', ['-I', '-r', '40,20,10', '-t', '256,256', '-n', '6']],
    ['lossless 5/3, untiled', 'lossless.jp2', []],
    [
      'lossless, bare codestream, 300×200 tiles at an offset',
      'offset.j2k',
      ['-t', '300,200', '-d', '37,11', '-T', '5,3'],
    ],
    ['lossless, RGB without the colour transform', 'nomct.j2k', ['-mct', '0', '-t', '128,512']],
    [
      'lossy, precincts and code-blocks of their own, RPCL',
      'rpcl.jp2',
      ['-r', '20', '-c', '[128,128],[64,64]', '-b', '32,32', '-p', 'RPCL', '-t', '512,256'],
    ],
  ])('%s', async (_kind, name, args) => {
    const file = opjCompress(rgb, name, args);
    const { outcome, full } = await tileJp2(file);
    expect(outcome.format).toBe('jp2');
    const reference = await opjReference(file, name.endsWith('j2k') ? 'j2k' : 'jp2');
    const { width, height } = await sharp(reference).metadata();
    expect([outcome.width, outcome.height]).toEqual([width, height]);
    expect(await meanDifference(full, reference)).toBeLessThanOrEqual(2);
  });

  it('16-bit grey and RGB, and alpha (8 and 16 bit), come out as 8 bits, alpha on white', async () => {
    const kinds: [string, number, 8 | 16, string[]][] = [
      ['grey16', 1, 16, ['-t', '256,256']],
      ['rgb16', 3, 16, ['-I', '-r', '30,10', '-t', '256,256']],
      ['rgba8', 4, 8, ['-t', '256,256']],
      ['greyalpha16', 2, 16, []],
    ];
    for (const [name, channels, depth, args] of kinds) {
      const file = opjCompress(
        netpbm(name, w, h, channels, depth, pattern(w, h, channels, depth)),
        `${name}.jp2`,
        args,
      );
      const { outcome, full } = await tileJp2(file);
      expect(outcome.notes[0]).toContain(`${depth}-bit`);
      expect(await meanDifference(full, await opjReference(file, 'jp2')), name).toBeLessThanOrEqual(2);
    }
  });
});

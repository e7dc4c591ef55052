import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sizePath } from '../src/shared/pyramid';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { jp2Dir, netpbm, opjCompress, opjReference, pattern, wrapJp2 } from './jp2-fixtures';
import { meanDifference } from './pixels';
import { toYcc } from './jp2-kinds';
import { tileBytes } from './tile-bytes';

// Quality 95: what is measured is the decoding, not JPEG's own loss on a pattern of hard edges.
const settings = { ...DEFAULT_SETTINGS, tileSize: 256 as const, quality: 95 };
const w = 400;
const h = 300;

async function fullImage(file: Uint8Array) {
  const { outcome, sink } = await tileBytes(file, settings);
  const full = sink.files.get(sizePath(outcome, 'jpg'));
  if (!full) throw new Error('no full-size JPEG');
  return { outcome, full };
}

async function failure(file: Uint8Array): Promise<string> {
  try {
    await tileBytes(file, settings);
  } catch (error) {
    return String(error);
  }
  throw new Error('tiled a file that should have been refused');
}

/** A lossless bare codestream of `channels` made from the test pattern (or given samples). */
const codestream = (name: string, channels: number, args: string[] = [], data?: Buffer) =>
  opjCompress(netpbm(name, w, h, channels, 8, data ?? pattern(w, h, channels)), `${name}.j2k`, args);

/** Display P3 → sRGB for 8-bit samples: decode the sRGB curve, change primaries (D65 both), encode. */
function p3ToSrgb(p3: Buffer): Buffer {
  const m = [
    [1.2249, -0.2247, 0],
    [-0.042, 1.0419, 0],
    [-0.0197, -0.0786, 1.0979],
  ];
  const linear = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const encode = (v: number) => 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);
  const out = Buffer.alloc(p3.length);
  for (let i = 0; i < p3.length; i += 3) {
    const rgb = [linear(p3[i]!), linear(p3[i + 1]!), linear(p3[i + 2]!)];
    for (let c = 0; c < 3; c++) {
      const v = m[c]![0]! * rgb[0]! + m[c]![1]! * rgb[1]! + m[c]![2]! * rgb[2]!;
      out[i + c] = Math.round(encode(Math.min(1, Math.max(0, v))));
    }
  }
  return out;
}

describe('JPEG 2000 boxes: colour, resolution, palette, brands', () => {
  it('sYCC is turned into sRGB as opj_decompress does', async () => {
    const file = wrapJp2(codestream('ycc', 3, ['-mct', '0'], toYcc(pattern(w, h, 3))), { colour: { enumerated: 18 } });
    const { outcome, full } = await fullImage(file);
    expect(outcome.notes).toContain('sYCC converted to sRGB');
    expect(await meanDifference(full, await opjReference(file, 'jp2'))).toBeLessThanOrEqual(2);
    // Unconverted, the luma would show as red: the difference to the RGB original would be large.
    const original = await sharp(pattern(w, h, 3), { raw: { width: w, height: h, channels: 3 } })
      .png()
      .toBuffer();
    expect(await meanDifference(full, original)).toBeLessThan(3);
  });

  it('an embedded ICC profile (Display P3) is converted to sRGB', async () => {
    const raw = { raw: { width: w, height: h, channels: 3 as const } };
    const taggedP3 = await sharp(pattern(w, h, 3), raw)
      .withIccProfile('p3')
      .png()
      .toBuffer();
    const icc = (await sharp(taggedP3).metadata()).icc!;
    const file = wrapJp2(codestream('p3', 3), { colour: { icc } });
    const { outcome, full } = await fullImage(file);
    expect(outcome.notes).toContain('embedded ICC profile converted to sRGB');
    // The reference is the colorimetric conversion itself (same white, same curve, P3 → sRGB primaries).
    const converted = await sharp(p3ToSrgb(pattern(w, h, 3)), raw)
      .png()
      .toBuffer();
    expect(await meanDifference(full, converted)).toBeLessThanOrEqual(2);
    const unconverted = await sharp(pattern(w, h, 3), raw)
      .png()
      .toBuffer();
    expect(await meanDifference(full, unconverted)).toBeGreaterThan(4);
  });

  it("the res box's capture resolution becomes metadata", async () => {
    const file = wrapJp2(codestream('res', 3), { colour: { enumerated: 16 }, capture: { x: 11811, y: 11811 } });
    const { outcome } = await fullImage(file);
    expect(outcome.metadata).toEqual([{ label: 'Resolution (capture)', value: '300 dpi' }]);
  });

  it('a palette maps 8-bit indexes to colours', async () => {
    const indexes = Buffer.alloc(w * h);
    for (let i = 0; i < indexes.length; i++) indexes[i] = ((i % w) >> 4) % 4;
    const palette: [number, number, number][] = [
      [255, 0, 0],
      [0, 128, 0],
      [0, 0, 255],
      [250, 250, 20],
    ];
    const file = wrapJp2(codestream('indexed', 1, [], indexes), { colour: { enumerated: 16 }, palette });
    const { full } = await fullImage(file);
    expect(await meanDifference(full, await opjReference(file, 'jp2'))).toBeLessThanOrEqual(2);
    const px = await sharp(full).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number) => [...px.data.subarray((50 * w + x) * 3, (50 * w + x) * 3 + 3)];
    for (const [x, colour] of [
      [8, palette[0]],
      [24, palette[1]],
      [40, palette[2]],
      [56, palette[3]],
    ] as const) {
      at(x).forEach((v, c) => expect(Math.abs(v - colour![c]!), `x ${x}`).toBeLessThanOrEqual(6));
    }
  });

  it('JPX that lists jp2 as compatible is read; JPX that does not is refused by name', async () => {
    const cs = codestream('jpx', 3);
    const compatible = wrapJp2(cs, { colour: { enumerated: 16 }, brands: ['jpx ', ['jpx ', 'jp2 ']] });
    expect((await fullImage(compatible)).outcome.format).toBe('jp2');
    const only = wrapJp2(cs, { colour: { enumerated: 16 }, brands: ['jpx ', ['jpx ']] });
    expect(await failure(only)).toMatch(/JPEG 2000 \(JPX brand “jpx ”\) without JP2 compatibility/);
  });
});

describe('JPEG 2000 it cannot decode: refused by name', () => {
  it('a truncated file', async () => {
    const file = wrapJp2(codestream('cut', 3, ['-t', '128,128']), { colour: { enumerated: 16 } });
    expect(await failure(file.subarray(0, Math.floor(file.length * 0.6)))).toMatch(/Truncated JPEG 2000/);
  });

  it('subsampled components and five components', async () => {
    const subsampled = opjCompress(netpbm('sub', w, h, 3, 8, pattern(w, h, 3)), 'sub.j2k', ['-s', '2,2']);
    expect(await failure(subsampled)).toMatch(/JPEG 2000 with an unsupported component layout: subsampled components/);
    const raw = join(jp2Dir, 'five.raw');
    writeFileSync(raw, pattern(w, h, 5));
    const five = opjCompress(raw, 'five.j2k', ['-F', `${w},${h},5,8,u`]);
    expect(await failure(five)).toMatch(/JPEG 2000 with an unsupported component layout: 5 components/);
  });

  it('bytes that only look like a JPEG 2000', async () => {
    const head = wrapJp2(codestream('junk', 1), { colour: { enumerated: 17 } }).subarray(0, 200);
    const junk = new Uint8Array(4000);
    junk.set(head);
    expect(await failure(junk)).toMatch(/(Corrupt|Truncated) JPEG 2000/);
  });
});

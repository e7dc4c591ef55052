import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_POLICY } from '../src/shared/input-policy';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { SEEKABLE_BYTES, seek } from '../src/worker/engine/seek';
import { tileImage } from '../src/worker/engine/tile-image';
import { MemorySink } from './memory-sink';
import { nodeVips } from './node-vips';
import { nodeOpenJpeg } from '../src/cli/openjpeg-node';

const W = 64;
const H = 48;
const pixel = (i: number) => [(i * 7) & 255, (i * 13 + 5) & 255, (i >> 4) & 255];

/** A BigTIFF header and directory for one uncompressed RGB strip stored at `dataOffset`. */
function bigTiffHeader(dataOffset: number): Uint8Array {
  const SHORT = 3;
  const LONG = 4;
  const LONG8 = 16;
  const entries: [number, number, number, number | number[]][] = [
    [256, LONG, 1, W],
    [257, LONG, 1, H],
    [258, SHORT, 3, [8, 8, 8]],
    [259, SHORT, 1, 1],
    [262, SHORT, 1, 2],
    [273, LONG8, 1, dataOffset],
    [277, SHORT, 1, 3],
    [278, LONG, 1, H],
    [279, LONG8, 1, W * H * 3],
    [284, SHORT, 1, 1],
  ];
  const bytes = Buffer.alloc(16 + 8 + entries.length * 20 + 8);
  bytes.write('II', 0, 'latin1');
  bytes.writeUInt16LE(43, 2);
  bytes.writeUInt16LE(8, 4);
  bytes.writeBigUInt64LE(16n, 8);
  bytes.writeBigUInt64LE(BigInt(entries.length), 16);
  entries.forEach(([tag, type, count, value], i) => {
    const o = 24 + i * 20;
    bytes.writeUInt16LE(tag, o);
    bytes.writeUInt16LE(type, o + 2);
    bytes.writeBigUInt64LE(BigInt(count), o + 4);
    if (Array.isArray(value)) value.forEach((v, k) => bytes.writeUInt16LE(v, o + 12 + k * 2));
    else if (type === SHORT) bytes.writeUInt16LE(value, o + 12);
    else if (type === LONG) bytes.writeUInt32LE(value, o + 12);
    else bytes.writeBigUInt64LE(BigInt(value), o + 12);
  });
  return bytes;
}

/**
 * Decodes a virtual BigTIFF of `dataOffset` + one strip of bytes (zeros between header and strip, never
 * stored) through a custom source using the app's seek rules; returns the offsets libvips asked for and
 * how many pixels came out right.
 */
async function decodeVirtual(dataOffset: number) {
  const vips = await nodeVips();
  const header = bigTiffHeader(dataOffset);
  const size = dataOffset + W * H * 3;
  const byteAt = (p: number) => {
    if (p < header.length) return header[p]!;
    const d = p - dataOffset;
    return d >= 0 && d < W * H * 3 ? pixel(Math.floor(d / 3))[d % 3]! : 0;
  };
  let position = 0;
  const offsets: number[] = [];
  const source = new vips.SourceCustom();
  source.onRead = (length) => {
    const n = Math.min(length, size - position);
    if (n <= 0) return undefined;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = byteAt(position + i);
    position += n;
    return out;
  };
  source.onSeek = (offset, whence) => {
    if (whence === 0) offsets.push(offset);
    const [next, answer] = seek(position, size, offset, whence);
    position = next;
    return answer;
  };
  const image = vips.Image.newFromSource(source, '', { access: 'random' }).copyMemory();
  let right = 0;
  for (let i = 0; i < W * H; i++) {
    if (image.getpoint(i % W, Math.floor(i / W)).every((v, b) => v === pixel(i)[b])) right++;
  }
  image.delete();
  return { offsets, right };
}

describe('seeking a custom source', () => {
  it('answers within the file and refuses what a 32-bit answer cannot say', () => {
    expect(seek(10, 100, 5, 1)).toEqual([15, 15]);
    expect(seek(10, 100, 0, 2)).toEqual([100, 100]);
    expect(seek(10, 100, 101, 0)).toEqual([10, -1]);
    expect(seek(10, 100, -11, 1)).toEqual([10, -1]);
    expect(seek(0, 5e9, 0, 2)).toEqual([5e9, SEEKABLE_BYTES]);
    expect(seek(SEEKABLE_BYTES, 5e9, 1, 1)).toEqual([SEEKABLE_BYTES, -1]);
  });

  it('reaches a strip 1 GB into the file', async () => {
    const { offsets, right } = await decodeVirtual(1e9);
    expect(offsets).toContain(1e9);
    expect(right).toBe(W * H);
  });

  // If a wasm-vips upgrade passes 64-bit offsets, this fails: then SEEKABLE_BYTES can go.
  it('gets the offset of a strip 2.5 GB and 5 GB in wrapped to 32 bits by wasm-vips, so it cannot read it', async () => {
    for (const dataOffset of [2.5e9, 5e9]) {
      const { offsets, right } = await decodeVirtual(dataOffset);
      expect(offsets).not.toContain(dataOffset);
      expect(offsets).toContain(dataOffset - 2 ** 32 * Math.round(dataOffset / 2 ** 32));
      expect(right).toBeLessThan(W * H);
    }
  });
});

describe('a browser file too large to seek in', () => {
  it('is refused before it is opened, unless its format reads front to back', async () => {
    const vips = await nodeVips();
    const opened: string[] = [];
    const tile = (head: number[], byteLength: number) =>
      tileImage(
        vips,
        {
          head: Uint8Array.from(head),
          byteLength,
          openSource: () => {
            opened.push(String(byteLength));
            throw new Error('opened');
          },
          readAt: () => 0,
          openJpeg: nodeOpenJpeg,
          seekableBytes: SEEKABLE_BYTES,
          settings: DEFAULT_SETTINGS,
          policy: DEFAULT_INPUT_POLICY,
        },
        new MemorySink(),
        { onStart: () => {}, onProgress: () => {} },
      );
    await expect(tile([0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0], 2.2e9)).rejects.toMatchObject({
      name: 'TooLarge',
      message:
        'Refused before decoding: this 2.05 GiB TIFF needs reads beyond its first 2 GiB, which the image ' +
        'engine cannot seek to from a browser file; the command-line tool (vitrine tile) can tile it',
    });
    expect(opened).toEqual([]);
    // A JPEG that large is opened (here the stand-in source refuses, as a real one would not).
    await expect(tile([0xff, 0xd8, 0xff, 0xe0], 5e9)).rejects.toThrow();
    expect(opened).toEqual(['5000000000']);
  });
});

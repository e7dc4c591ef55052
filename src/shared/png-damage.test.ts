import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngDamage } from './png-damage';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length);
  head.write(type, 4, 'latin1');
  const crcOf = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  };
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crcOf(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

const ihdr = Buffer.from([0, 0, 0, 4, 0, 0, 0, 4, 8, 0, 0, 0, 0]);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(Buffer.alloc(4 * 5))),
  chunk('IEND', Buffer.alloc(0)),
]);
const reader = (b: Buffer) => (at: number, n: number) => new Uint8Array(b.subarray(at, at + n));

describe('pngDamage', () => {
  it('finds nothing wrong in a whole PNG', () => {
    expect(pngDamage(reader(png), png.length)).toBeNull();
  });
  it('names a bad CRC and the chunk it is in', () => {
    const bad = Buffer.from(png);
    bad[43] = bad[43]! ^ 0xff; // a byte of IDAT's data
    expect(pngDamage(reader(bad), bad.length)).toBe('Damaged PNG: CRC error in a IDAT chunk');
  });
  it('names a truncation inside a chunk and one before IEND', () => {
    expect(pngDamage(reader(png), 50)).toBe('Truncated PNG: the file ends inside a IDAT chunk');
    expect(pngDamage(reader(png), png.length - 12)).toBe('Truncated PNG: the file ends before its IEND chunk');
  });
});

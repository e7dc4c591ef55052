import type { ReadBytes } from './read-bytes';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const part of parts) for (const byte of part) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Why a PNG is damaged, named from its chunks (libpng's own words do not reach us through libvips): a
 * chunk whose CRC does not match, or a file that ends before IEND. Null when every chunk is whole.
 */
export function pngDamage(read: ReadBytes, fileLength: number): string | null {
  const ascii = (b: Uint8Array) => String.fromCharCode(...b).replace(/[^\x20-\x7e]/g, '?');
  for (let at = 8; ;) {
    if (at + 12 > fileLength) return 'Truncated PNG: the file ends before its IEND chunk';
    const head = read(at, 8);
    const length = new DataView(head.buffer, head.byteOffset).getUint32(0);
    const type = head.subarray(4, 8);
    if (at + 12 + length > fileLength) return `Truncated PNG: the file ends inside a ${ascii(type)} chunk`;
    const data = read(at + 8, length);
    const crc = read(at + 8 + length, 4);
    const stored = new DataView(crc.buffer, crc.byteOffset, 4).getUint32(0);
    if (crc32([type, data]) !== stored) return `Damaged PNG: CRC error in a ${ascii(type)} chunk`;
    if (ascii(type) === 'IEND') return null;
    at += 12 + length;
  }
}

import sharp from 'sharp';

/** The four kinds of damage that once tiled as `done` with grey or garbage areas, made here. */
export async function damagedFiles(): Promise<{ name: string; bytes: Buffer; reason: RegExp }[]> {
  // Seeded, not sharp's random noise: whether libjpeg notices flipped bytes depends on the bytes.
  const raw = Buffer.alloc(800 * 600 * 3);
  let seed = 11;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = 60 + ((i / 3) % 800) / 8 + (seed % 40);
  }
  const picture = () => sharp(raw, { raw: { width: 800, height: 600, channels: 3 } }).blur(1);
  const jpeg = await picture().jpeg({ quality: 90 }).toBuffer();
  const corrupt = Buffer.from(jpeg);
  // Bytes flipped inside the entropy-coded data, halfway through the scan.
  for (let i = 0; i < 200; i++) corrupt[Math.floor(jpeg.length / 2) + i * 7]! ^= 0x5a;
  const png = await picture().png().toBuffer();
  const badCrc = Buffer.from(png);
  const idat = badCrc.indexOf('IDAT');
  badCrc[idat + 4 + badCrc.readUInt32BE(idat - 4)]! ^= 0xff;
  const progressive = await picture().jpeg({ progressive: true }).toBuffer();
  return [
    { name: 'corrupt-entropy.jpg', bytes: corrupt, reason: /^Corrupt JPEG data: .*Corrupt JPEG data/ },
    { name: 'bad-crc.png', bytes: badCrc, reason: /^Damaged PNG: CRC error in a IDAT chunk$/ },
    {
      name: 'truncated.png',
      bytes: png.subarray(0, Math.floor(png.length * 0.6)),
      reason: /^Truncated PNG: the file ends inside a IDAT chunk$/,
    },
    {
      name: 'truncated-progressive.jpg',
      bytes: progressive.subarray(0, Math.floor(progressive.length * 0.6)),
      reason: /^Truncated JPEG: .*premature end/,
    },
  ];
}

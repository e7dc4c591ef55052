import sharp, { type Sharp } from 'sharp';

/**
 * Images the tests make themselves, so the suite runs on a fresh clone without ../shared/corpus:
 * degenerate shapes, EXIF rotation, alpha, 16-bit, a renamed PNG and files that are not images.
 */
export interface Fixture {
  name: string;
  mimeType: string;
  buffer: Buffer;
  /** done with this upright size, or failed with an error matching this pattern. */
  expect: { width: number; height: number } | { error: RegExp };
}

/** An asymmetric picture: a red block top-left, a blue bar along the bottom, a grey gradient behind. */
export async function asymmetric(width: number, height: number): Promise<Sharp> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const g = Math.round((255 * (x + y)) / (width + height));
      const red = x < width / 3 && y < height / 3;
      const blue = y > (height * 5) / 6;
      data[o] = red ? 220 : blue ? 20 : g;
      data[o + 1] = red ? 30 : blue ? 40 : g;
      data[o + 2] = red ? 30 : blue ? 200 : g;
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

const jpeg = (name: string, buffer: Buffer, expect: Fixture['expect']): Fixture => ({
  name,
  mimeType: 'image/jpeg',
  buffer,
  expect,
});
const png = (name: string, buffer: Buffer, expect: Fixture['expect']): Fixture => ({
  name,
  mimeType: 'image/png',
  buffer,
  expect,
});

export async function makeFixtures(): Promise<Fixture[]> {
  const photo = await (await asymmetric(3000, 2000)).jpeg({ quality: 90 }).toBuffer();
  const solid = (w: number, h: number) =>
    sharp({ create: { width: w, height: h, channels: 3, background: { r: 40, g: 120, b: 200 } } });
  const alpha = await sharp({
    create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .composite([{ input: await solid(100, 200).png().toBuffer(), left: 0, top: 0 }])
    .png()
    .toBuffer();
  return [
    jpeg('photo 3000×2000.jpg', photo, { width: 3000, height: 2000 }),
    jpeg('rotated-6.jpg', await (await asymmetric(600, 400)).jpeg().withMetadata({ orientation: 6 }).toBuffer(), {
      width: 400,
      height: 600,
    }),
    jpeg('rotated-3.jpg', await (await asymmetric(600, 400)).jpeg().withMetadata({ orientation: 3 }).toBuffer(), {
      width: 600,
      height: 400,
    }),
    png('one-pixel.png', await solid(1, 1).png().toBuffer(), { width: 1, height: 1 }),
    png('small 200x150.png', await solid(200, 150).png().toBuffer(), { width: 200, height: 150 }),
    png('wide-20000x1.png', await solid(20000, 1).png().toBuffer(), { width: 20000, height: 1 }),
    png('tall-1x20000.png', await solid(1, 20000).png().toBuffer(), { width: 1, height: 20000 }),
    png('alpha.png', alpha, { width: 300, height: 200 }),
    png('deep-16bit.png', await solid(300, 300).toColourspace('rgb16').png().toBuffer(), { width: 300, height: 300 }),
    jpeg('really-a-png.jpg', await solid(320, 240).png().toBuffer(), { width: 320, height: 240 }),
    jpeg('notes.jpg', Buffer.from('These are my notes, not a picture.\n'), { error: /^Not an image: detected text$/ }),
    png('page.png', Buffer.from('<!doctype html><html><body>hello</body></html>'), {
      error: /^Not an image: detected HTML$/,
    }),
    jpeg('empty.jpg', Buffer.alloc(0), { error: /^Not an image: detected an empty file$/ }),
    jpeg('truncated.jpg', photo.subarray(0, Math.floor(photo.length / 2)), { error: /^Truncated JPEG: .+/ }),
  ];
}

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { headerSize } from './header-size';

const image = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#468' } });

describe('headerSize', () => {
  it("reads a JPEG's frame header behind EXIF and ICC segments, and a PNG's IHDR", async () => {
    const jpeg = await image(321, 123).withIccProfile('p3').withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect(headerSize(new Uint8Array(jpeg))).toEqual({ width: 321, height: 123 });
    const progressive = await image(64, 2000).jpeg({ progressive: true }).toBuffer();
    expect(headerSize(new Uint8Array(progressive))).toEqual({ width: 64, height: 2000 });
    const png = await image(5000, 7).png().toBuffer();
    expect(headerSize(new Uint8Array(png.subarray(0, 24)))).toEqual({ width: 5000, height: 7 });
  });

  it('gives null for a cut header, another format or damaged markers', async () => {
    const jpeg = new Uint8Array(await image(100, 100).withIccProfile('p3').jpeg().toBuffer());
    expect(headerSize(jpeg.subarray(0, 200))).toBeNull();
    expect(headerSize(new Uint8Array(await image(10, 10).webp().toBuffer()))).toBeNull();
    const broken = jpeg.slice(0, 400);
    broken[2] = 0x00;
    expect(headerSize(broken)).toBeNull();
    expect(headerSize(new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0, 0, 0, 0]))).toBeNull();
  });
});

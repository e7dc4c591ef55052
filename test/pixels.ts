import sharp from 'sharp';

/** Mean absolute difference per channel of two images, after bringing `b` to `a`'s size. 0-255. */
export async function meanDifference(a: Uint8Array | string, b: Uint8Array | string): Promise<number> {
  const first = await sharp(a).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const second = await sharp(b)
    .removeAlpha()
    .toColourspace('srgb')
    .resize(first.info.width, first.info.height, { fit: 'fill' })
    .raw()
    .toBuffer();
  let sum = 0;
  for (let i = 0; i < first.data.length; i++) sum += Math.abs(first.data[i]! - second[i]!);
  return sum / first.data.length;
}

/** Decoded sRGB pixels, optionally ignoring an embedded profile (to see what an unconverted copy shows). */
export async function decodeRgb(image: Uint8Array | string, options?: { ignoreIcc?: boolean }) {
  return sharp(image, options?.ignoreIcc ? { ignoreIcc: true } : {})
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
}

type Decoded = Awaited<ReturnType<typeof decodeRgb>>;

/** Mean RGB of the (2r+1)² block around (x, y): robust to JPEG noise at a single pixel. */
export function blockColour({ data, info }: Decoded, x: number, y: number, r = 2): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let j = Math.max(0, y - r); j <= Math.min(info.height - 1, y + r); j++) {
    for (let i = Math.max(0, x - r); i <= Math.min(info.width - 1, x + r); i++) {
      const o = (j * info.width + i) * info.channels;
      for (let c = 0; c < 3; c++) sum[c]! += data[o + c]!;
      n++;
    }
  }
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

export const colourDistance = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_POLICY, headerProblem, inMemoryMaxPixels, sourceSizeProblem } from './input-policy';

const policy = DEFAULT_INPUT_POLICY;

describe('headerProblem', () => {
  it('accepts real images, including a 2-gigapixel scan', () => {
    expect(headerProblem('jpeg', { width: 5312, height: 2988 }, 1_485_159, policy)).toBeNull();
    expect(headerProblem('jpeg', { width: 50000, height: 40000 }, 400_000_000, policy)).toBeNull();
    expect(headerProblem('png', { width: 1, height: 1 }, 67, policy)).toBeNull();
    expect(headerProblem('tiff', { width: 100000, height: 20000 }, 1000, policy)).toBeNull();
  });

  it('refuses more pixels than the limit', () => {
    expect(headerProblem('tiff', { width: 60000, height: 60000 }, 1e9, policy)).toBe(
      'declares 3,600 megapixels, over the limit of 3,000',
    );
    expect(headerProblem('png', { width: 2000, height: 1000 }, 1e6, { ...policy, maxMegapixels: 1 })).toBe(
      'declares 2 megapixels, over the limit of 1',
    );
  });

  it('refuses more pixels than the file can hold', () => {
    expect(headerProblem('png', { width: 30000, height: 30000 }, 1000, policy)).toBe(
      'declares 900 megapixels in 1,000 bytes, which no PNG can hold',
    );
    expect(headerProblem('jpeg', { width: 65535, height: 65535 }, 20_000, policy)).toMatch(/over the limit/);
    expect(headerProblem('jpeg', { width: 40000, height: 40000 }, 20_000, policy)).toBe(
      'declares 1,600 megapixels in 20,000 bytes, which no JPEG can hold',
    );
    // Exactly at the bound is allowed: 1024 px per JPEG byte.
    expect(headerProblem('jpeg', { width: 1024, height: 1000 }, 1000, policy)).toBeNull();
    expect(headerProblem('jpeg', { width: 1025, height: 1000 }, 1000, policy)).toMatch(/which no JPEG can hold/);
  });

  it('refuses sizes the format cannot store', () => {
    expect(headerProblem('webp', { width: 16384, height: 10 }, 1e6, policy)).toBe(
      'declares 16384×10, beyond what WEBP can store',
    );
  });
});

describe('sourceSizeProblem', () => {
  const twoGiB = 2 ** 31 - 1;
  it('refuses files a source cannot seek through, by format', () => {
    expect(sourceSizeProblem('tiff', 4.6e9, twoGiB)).toBe(
      'this 4.28 GiB TIFF needs reads beyond its first 2 GiB, which the image engine cannot seek to from a ' +
        'browser file; the command-line tool (vitrine tile) can tile it',
    );
    expect(sourceSizeProblem('heif', twoGiB + 1, twoGiB)).toMatch(/^this 2 GiB HEIF needs reads beyond/);
    expect(sourceSizeProblem('tiff', twoGiB, twoGiB)).toBeNull();
  });

  it('lets front-to-back formats and sources that seek anywhere through', () => {
    expect(sourceSizeProblem('jpeg', 5e9, twoGiB)).toBeNull();
    expect(sourceSizeProblem('png', 5e9, twoGiB)).toBeNull();
    expect(sourceSizeProblem('tiff', 5e9, undefined)).toBeNull();
  });
});

describe('inMemoryMaxPixels', () => {
  it('is 80 megapixels unless the policy sets a positive limit', () => {
    expect(inMemoryMaxPixels(DEFAULT_INPUT_POLICY)).toBe(80e6);
    expect(inMemoryMaxPixels({ ...policy, inMemoryMaxMegapixels: 0.5 })).toBe(5e5);
    // Policies stored before the field existed, or broken ones.
    expect(inMemoryMaxPixels({ maxMegapixels: 3000, allowDamaged: false })).toBe(80e6);
    expect(inMemoryMaxPixels({ ...policy, inMemoryMaxMegapixels: -1 })).toBe(80e6);
  });
});

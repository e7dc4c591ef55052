import { describe, expect, it } from 'vitest';
import { IMAGE_CONTEXT, buildInfoJson, embeddedService, type PyramidDescriptor } from './iiif-info';
import { BASE, JPG_256, SERVICE_1000 } from './iiif-test-values';
import type { TileSettings } from './settings';

function pyramid(width: number, height: number, settings: TileSettings = JPG_256, id = 'abc'): PyramidDescriptor {
  return { id, width, height, settings };
}

describe('buildInfoJson', () => {
  it('is exact for a small jpg image', () => {
    expect(buildInfoJson(pyramid(1000, 700), BASE)).toStrictEqual({
      '@context': 'http://iiif.io/api/image/3/context.json',
      ...SERVICE_1000,
      protocol: 'http://iiif.io/api/image',
      tiles: [{ width: 256, height: 256, scaleFactors: [1, 2, 4] }],
    });
  });

  it('has no maxWidth/maxHeight keys when the image fits under the cap', () => {
    const info = buildInfoJson(pyramid(4096, 4096), BASE);
    expect(Object.keys(info)).not.toContain('maxWidth');
    expect(Object.keys(info)).not.toContain('maxHeight');
    expect(Object.keys(info)).not.toContain('extraFormats');
    expect(Object.keys(info)).not.toContain('preferredFormats');
  });

  it('declares maxWidth/maxHeight for an image above the cap', () => {
    expect(buildInfoJson(pyramid(5312, 2988, { ...JPG_256, tileSize: 512 }, 'big'), BASE)).toStrictEqual({
      '@context': 'http://iiif.io/api/image/3/context.json',
      id: 'https://example.org/iiif/big',
      type: 'ImageService3',
      protocol: 'http://iiif.io/api/image',
      profile: 'level0',
      width: 5312,
      height: 2988,
      maxWidth: 2656,
      maxHeight: 1494,
      sizes: [
        { width: 332, height: 187 },
        { width: 664, height: 374 },
        { width: 1328, height: 747 },
        { width: 2656, height: 1494 },
      ],
      tiles: [{ width: 512, height: 512, scaleFactors: [1, 2, 4, 8, 16] }],
    });
  });

  it('caps 20000×1 at 2500×1', () => {
    const info = buildInfoJson(pyramid(20000, 1), BASE);
    expect(info.maxWidth).toBe(2500);
    expect(info.maxHeight).toBe(1);
    expect(info.sizes).toEqual([
      { width: 157, height: 1 },
      { width: 313, height: 1 },
      { width: 625, height: 1 },
      { width: 1250, height: 1 },
      { width: 2500, height: 1 },
    ]);
    expect(info.tiles).toEqual([{ width: 256, height: 256, scaleFactors: [1, 2, 4, 8, 16, 32, 64, 128] }]);
  });

  it('adds webp as extra and preferred format', () => {
    const info = buildInfoJson(pyramid(1000, 700, { ...JPG_256, format: 'webp' }), BASE);
    expect(info.extraFormats).toEqual(['webp']);
    expect(info.preferredFormats).toEqual(['webp', 'jpg']);
    expect(info.profile).toBe('level0');
    expect(info.sizes).toHaveLength(3);
  });

  it('uses a smaller cap from the settings', () => {
    const info = buildInfoJson(pyramid(1000, 700, { ...JPG_256, maxSide: 512 }), BASE);
    expect(info.maxWidth).toBe(500);
    expect(info.maxHeight).toBe(350);
    expect(info.sizes).toEqual([
      { width: 250, height: 175 },
      { width: 500, height: 350 },
    ]);
  });
});

describe('embeddedService', () => {
  it('has id, type, profile, size and sizes only', () => {
    expect(embeddedService(pyramid(1000, 700), BASE)).toStrictEqual(SERVICE_1000);
  });

  it('IMAGE_CONTEXT is the Image API 3 context', () => {
    expect(IMAGE_CONTEXT).toBe('http://iiif.io/api/image/3/context.json');
  });
});

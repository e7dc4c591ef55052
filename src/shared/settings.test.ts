import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, encodingsFor, validateSettings, type TileSettings } from './settings';

/** Settings as they might arrive from a form or storage, wrong types included. */
const settings = (over: Record<string, unknown>) => ({ ...DEFAULT_SETTINGS, ...over }) as unknown as TileSettings;

describe('DEFAULT_SETTINGS', () => {
  it('are 256 px jpg tiles at quality 85, capped at 4096', () => {
    expect(DEFAULT_SETTINGS).toStrictEqual({ tileSize: 256, quality: 85, format: 'jpg', maxSide: 4096 });
  });
});

describe('validateSettings', () => {
  it('returns valid settings unchanged', () => {
    const s = settings({});
    expect(validateSettings(s)).toBe(s);
    const edge = settings({ tileSize: 512, quality: 1, format: 'webp', maxSide: 512 });
    expect(validateSettings(edge)).toStrictEqual({ tileSize: 512, quality: 1, format: 'webp', maxSide: 512 });
    expect(validateSettings(settings({ quality: 100, maxSide: 256 }))).toStrictEqual({
      tileSize: 256,
      quality: 100,
      format: 'jpg',
      maxSide: 256,
    });
  });

  it.each<[Record<string, unknown>]>([
    [{ tileSize: 300 }],
    [{ tileSize: 128 }],
    [{ tileSize: '256' }],
    [{ tileSize: 1024 }],
  ])('rejects the tile size in %j', (over) => {
    expect(() => validateSettings(settings(over))).toThrow(RangeError);
    expect(() => validateSettings(settings(over))).toThrow('Tile size must be 256 or 512');
  });

  it.each<[Record<string, unknown>]>([
    [{ quality: 0 }],
    [{ quality: 101 }],
    [{ quality: 85.5 }],
    [{ quality: -5 }],
    [{ quality: Number.NaN }],
    [{ quality: '85' }],
  ])('rejects the quality in %j', (over) => {
    expect(() => validateSettings(settings(over))).toThrow('Quality must be a whole number from 1 to 100');
  });

  it.each<[Record<string, unknown>]>([
    [{ format: 'png' }],
    [{ format: 'JPG' }],
    [{ format: '' }],
    [{ format: 'jpeg' }],
  ])('rejects the format in %j', (over) => {
    expect(() => validateSettings(settings(over))).toThrow('Format must be jpg or webp');
  });

  it.each<[Record<string, unknown>]>([
    [{ maxSide: 255 }],
    [{ maxSide: 0 }],
    [{ maxSide: 4096.5 }],
    [{ maxSide: Number.POSITIVE_INFINITY }],
    [{ maxSide: Number.NaN }],
    [{ tileSize: 512, maxSide: 511 }],
  ])('rejects the cap in %j', (over) => {
    expect(() => validateSettings(settings(over))).toThrow('The full/max cap must be at least one tile');
  });
});

describe('encodingsFor', () => {
  it('always writes jpg first', () => {
    expect(encodingsFor({ format: 'jpg' })).toEqual(['jpg']);
    expect(encodingsFor({ format: 'webp' })).toEqual(['jpg', 'webp']);
  });
});

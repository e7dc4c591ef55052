import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MIME_BY_EXTENSION,
  contentTypeOf,
  encodingsFor,
  validateSettings,
  type TileSettings,
} from './settings';

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

describe('contentTypeOf', () => {
  it.each<[string, string]>([
    ['abc/0,0,256,256/256,256/0/default.jpg', 'image/jpeg'],
    ['abc/full/max/0/default.jpg', 'image/jpeg'],
    ['abc/0,0,512,512/256,256/0/default.webp', 'image/webp'],
    ['abc/info.json', 'application/json'],
    ['collection.json', 'application/json'],
    ['index.html', 'text/html; charset=utf-8'],
    ['viewer/viewer.js', 'text/javascript; charset=utf-8'],
    ['viewer/openseadragon.min.js', 'text/javascript; charset=utf-8'],
    ['README', 'application/octet-stream'],
    ['photo.JPG', 'application/octet-stream'],
    ['archive.tar.gz', 'application/octet-stream'],
    ['trailing.', 'application/octet-stream'],
    ['json', 'application/json'], // no dot: the whole path is taken as the extension
  ])('%s → %s', (path, expected) => {
    expect(contentTypeOf(path)).toBe(expected);
  });

  it('has exactly the five bundle types', () => {
    expect(Object.keys(MIME_BY_EXTENSION).sort()).toEqual(['html', 'jpg', 'js', 'json', 'webp']);
  });

  // KNOWN (minor) BUG: the lookup is on a plain object literal, so Object.prototype members leak through:
  // contentTypeOf('x.constructor') returns the Object function and 'x.__proto__' returns Object.prototype.
  it.each<[string]>([['x.constructor'], ['x.toString'], ['x.__proto__'], ['x.hasOwnProperty']])(
    'returns a string for %j',
    (path) => {
      expect(contentTypeOf(path)).toBe('application/octet-stream');
    },
  );
});

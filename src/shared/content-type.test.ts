import { describe, expect, it } from 'vitest';
import { BUNDLE_CONTENT_TYPES, contentTypeOf, IIIF_IMAGE_JSON, IIIF_PRESENTATION_JSON } from './content-type';

describe('contentTypeOf', () => {
  it.each<[string, string]>([
    ['abc/0,0,256,256/256,256/0/default.jpg', 'image/jpeg'],
    ['abc/full/max/0/default.jpg', 'image/jpeg'],
    ['abc/0,0,512,512/256,256/0/default.webp', 'image/webp'],
    ['abc/info.json', 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'],
    ['abc/manifest.json', 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'],
    ['collection.json', 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'],
    ['index.json', 'application/json'],
    ['abc/not-info.json', 'application/json'],
    ['index.html', 'text/html; charset=utf-8'],
    ['viewer/viewer.js', 'text/javascript; charset=utf-8'],
    ['README', 'application/octet-stream'],
    ['photo.JPG', 'application/octet-stream'],
    ['archive.tar.gz', 'application/octet-stream'],
    ['trailing.', 'application/octet-stream'],
    // Object.prototype members must not leak through the lookup.
    ['x.constructor', 'application/octet-stream'],
    ['x.__proto__', 'application/octet-stream'],
  ])('%s → %s', (path, expected) => {
    expect(contentTypeOf(path)).toBe(expected);
  });

  it('lists the eight types a bundle uses', () => {
    expect([...BUNDLE_CONTENT_TYPES].sort()).toEqual(
      [
        'application/json',
        IIIF_IMAGE_JSON,
        IIIF_PRESENTATION_JSON,
        'image/jpeg',
        'image/webp',
        'text/csv; charset=utf-8',
        'text/html; charset=utf-8',
        'text/javascript; charset=utf-8',
      ].sort(),
    );
  });
});

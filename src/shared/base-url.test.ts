import { describe, expect, it } from 'vitest';
import { imageServiceId, normaliseBaseUrl } from './base-url';

describe('normaliseBaseUrl', () => {
  it.each<[string, string]>([
    ['https://example.org/iiif', 'https://example.org/iiif'],
    ['https://example.org/iiif/', 'https://example.org/iiif'],
    ['https://example.org/iiif///', 'https://example.org/iiif'],
    ['https://example.org', 'https://example.org'],
    ['https://example.org/', 'https://example.org'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['http://127.0.0.1:4173/bundle/', 'http://127.0.0.1:4173/bundle'],
    ['  https://example.org/iiif/  ', 'https://example.org/iiif'],
    ['HTTPS://Example.ORG/IIIF/', 'https://example.org/IIIF'],
    ['https://example.org:443/iiif', 'https://example.org/iiif'],
    ['https://example.org/a b/', 'https://example.org/a%20b'],
    ['https://example.org/a/../b/', 'https://example.org/b'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normaliseBaseUrl(input)).toBe(expected);
  });

  it.each<[string]>([['ftp://example.org/'], ['file:///tmp/bundle'], ['javascript:alert(1)'], ['data:text/plain,x']])(
    'rejects the non-http scheme of %j',
    (input) => {
      expect(() => normaliseBaseUrl(input)).toThrow(TypeError);
      expect(() => normaliseBaseUrl(input)).toThrow(/http or https/);
    },
  );

  it.each<[string]>([['https://example.org/iiif?x=1'], ['https://example.org/iiif#top'], ['https://example.org/?a']])(
    'rejects the query or fragment of %j',
    (input) => {
      expect(() => normaliseBaseUrl(input)).toThrow(/query or fragment/);
    },
  );

  it.each<[string]>([[''], ['   ']])('rejects the empty %j', (input) => {
    expect(() => normaliseBaseUrl(input)).toThrow(/^the public base URL is empty$/);
  });

  it.each<[string]>([['example.org/iiif'], ['/iiif'], ['https://'], ['not a url']])(
    'rejects the non-URL %j',
    (input) => {
      expect(() => normaliseBaseUrl(input)).toThrow(TypeError);
      expect(() => normaliseBaseUrl(input)).toThrow(/not an absolute URL/);
    },
  );

  // KNOWN BUG: an empty query (`?`) or fragment (`#`) has url.search === '' and url.hash === '', so it slips
  // past the check and stays in the href: the ids would become `https://example.org/?/abc`.
  it.each<[string]>([['https://example.org/?'], ['https://example.org/iiif/#']])(
    'rejects the empty query or fragment of %j',
    (input) => {
      expect(() => normaliseBaseUrl(input)).toThrow(TypeError);
    },
  );

  it('never ends with a slash, ? or #', () => {
    for (const input of ['https://example.org/', 'https://example.org/x//', 'http://h/']) {
      expect(normaliseBaseUrl(input)).not.toMatch(/[/?#]$/);
    }
  });
});

describe('imageServiceId', () => {
  it('is base/id', () => {
    expect(imageServiceId('https://example.org/iiif', 'abc')).toBe('https://example.org/iiif/abc');
    expect(imageServiceId('http://localhost:8080', 'img-2')).toBe('http://localhost:8080/img-2');
  });
});

describe('credentials in the base URL', () => {
  it('are refused, since every id would publish them', () => {
    expect(() => normaliseBaseUrl('https://user:secret@example.org/iiif')).toThrow(/user name or password/);
  });
});

import { describe, expect, it } from 'vitest';
import { keyAllowed, keyProblem, normaliseKeyPrefix } from './presign-protocol';

describe('object keys and prefixes', () => {
  it('accepts bundle paths', () => {
    expect(keyProblem('iiif/photo/0,0,256,256/256,/0/default.jpg')).toBeNull();
    expect(keyProblem('iiif/ünïcode name/info.json')).toBeNull();
  });

  it.each(['', '/a', 'a//b', 'a/./b', 'a/../b', '..', 'a\\b', 'a\u0007b', 'x'.repeat(1025)])('refuses %j', (key) => {
    expect(keyProblem(key)).not.toBeNull();
  });

  it('normalises a prefix to one trailing slash, or nothing', () => {
    expect(normaliseKeyPrefix(' /iiif/run-1// ')).toBe('iiif/run-1/');
    expect(normaliseKeyPrefix('')).toBe('');
    expect(() => normaliseKeyPrefix('a/../b')).toThrow(/segment/);
  });

  it('allows keys under a prefix only, and every safe key under the empty prefix', () => {
    expect(keyAllowed('iiif/a.jpg', ['iiif/'])).toBe(true);
    expect(keyAllowed('iiif-x/a.jpg', ['iiif/'])).toBe(false);
    expect(keyAllowed('iiif/../a.jpg', ['iiif/'])).toBe(false);
    expect(keyAllowed('anything.jpg', [''])).toBe(true);
  });
});

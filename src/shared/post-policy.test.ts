import { describe, expect, it } from 'vitest';
import { parsePostPolicy } from './post-policy';

const NOW = new Date('2026-11-25T12:00:00Z');
const encode = (policy: unknown) => Buffer.from(JSON.stringify(policy)).toString('base64');
const pasted = (policy: unknown, url = 'https://bucket.s3.amazonaws.com/') =>
  JSON.stringify({ url, fields: { bucket: 'b', 'X-Amz-Signature': 'abc', Policy: encode(policy) } });
const good = {
  expiration: '2026-11-25T12:05:00Z',
  conditions: [{ bucket: 'b' }, ['starts-with', '$key', 'iiif/run-1/'], ['starts-with', '$Content-Type', '']],
};

describe('parsePostPolicy', () => {
  it('reads the key prefix and expiry of a createPresignedPost result', () => {
    const policy = parsePostPolicy(pasted(good), NOW);
    expect(policy.keyPrefix).toBe('iiif/run-1/');
    expect(policy.expiresAt.toISOString()).toBe('2026-11-25T12:05:00.000Z');
    expect(policy.url).toBe('https://bucket.s3.amazonaws.com/');
    expect(policy.fields['X-Amz-Signature']).toBe('abc');
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', 'url: x', /not JSON/],
    ['a non-http url', JSON.stringify({ url: 'javascript:alert(1)', fields: {} }), /not an http/],
    ['no fields', JSON.stringify({ url: 'https://b/' }), /"fields" is missing/],
    ['a non-string field', JSON.stringify({ url: 'https://b/', fields: { Policy: 1 } }), /must be a string/],
    ['no Policy', JSON.stringify({ url: 'https://b/', fields: { key: 'x' } }), /has no Policy/],
    ['a Policy that is not base64 JSON', JSON.stringify({ url: 'https://b/', fields: { Policy: '%%%' } }), /base64/],
    ['no expiration', pasted({ conditions: good.conditions }), /no expiration/],
    ['an expired policy', pasted({ ...good, expiration: '2026-11-25T11:59:59Z' }), /expired at 2026-11-25T11:59:59/],
    ['an exact key only', pasted({ ...good, conditions: [{ key: 'a.jpg' }] }), /one key only/],
    ['a prefix climbing out', pasted({ ...good, conditions: [['starts-with', '$key', 'a/../b']] }), /segment/],
  ])('refuses %s', (_, text, why) => {
    expect(() => parsePostPolicy(text, NOW)).toThrow(why);
  });
});

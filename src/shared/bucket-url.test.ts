import { describe, expect, it } from 'vitest';
import { bucketUrlFromPolicy, bucketUrlFromSigned } from './bucket-url';

describe('the bucket URL suggested as the public base URL', () => {
  it('is read off a path-style presigned URL, query dropped', () => {
    const signed = 'http://127.0.0.1:7480/my-bucket/iiif/set%201/collection.json?X-Amz-Signature=abc&X-Amz-Expires=60';
    expect(bucketUrlFromSigned(signed, 'iiif/set 1/collection.json', 'iiif/set 1/')).toBe(
      'http://127.0.0.1:7480/my-bucket/iiif/set%201',
    );
  });

  it('is read off a virtual-hosted presigned URL with an empty prefix', () => {
    const signed = 'https://my-bucket.s3.eu-west-1.amazonaws.com/collection.json?X-Amz-Date=1';
    expect(bucketUrlFromSigned(signed, 'collection.json', '')).toBe('https://my-bucket.s3.eu-west-1.amazonaws.com');
  });

  it('is refused when the URL is not for the key asked for, or not http(s)', () => {
    expect(bucketUrlFromSigned('https://h/b/other.json?x=1', 'p/collection.json', 'p/')).toBeNull();
    expect(bucketUrlFromSigned('ftp://h/b/p/collection.json', 'p/collection.json', 'p/')).toBeNull();
    expect(bucketUrlFromSigned('not a url', 'collection.json', '')).toBeNull();
  });

  it('is the POST policy form action with the prefix under it', () => {
    expect(bucketUrlFromPolicy('https://my-bucket.s3.amazonaws.com/', 'iiif/')).toBe(
      'https://my-bucket.s3.amazonaws.com/iiif',
    );
    expect(bucketUrlFromPolicy('http://127.0.0.1:7480/b', '')).toBe('http://127.0.0.1:7480/b');
    expect(bucketUrlFromPolicy('javascript:alert(1)', 'iiif/')).toBeNull();
  });
});

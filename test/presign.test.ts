import { HeadObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { IIIF_IMAGE_JSON } from '../src/shared/content-type';
import type { PresignResponse } from '../src/shared/presign-protocol';
import { configFromEnv, type PresignConfig } from '../src/presign/config';
import { createEndpoint } from '../src/presign/handler';
import { Presigner } from '../src/presign/presigner';
import { createPublicBucket, S3_CREDENTIALS, S3_ENDPOINT, s3Client } from './s3-local';

const APP = 'http://app.test';

function endpointFor(bucket: string, env: Record<string, string> = {}) {
  process.env.AWS_ACCESS_KEY_ID = S3_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = S3_CREDENTIALS.secretAccessKey;
  const config: PresignConfig = configFromEnv({
    PRESIGN_BUCKET: bucket,
    PRESIGN_ALLOWED_PREFIXES: 'iiif/, /other/',
    PRESIGN_ALLOWED_ORIGINS: APP,
    S3_ENDPOINT: S3_ENDPOINT ?? 'http://127.0.0.1:1',
    ...env,
  });
  const endpoint = createEndpoint(config, new Presigner(config));
  return async (body: unknown, origin: string | undefined = APP, path = '/presign') => {
    const reply = await endpoint({ method: 'POST', path, origin, body: JSON.stringify(body) });
    return { ...reply, json: JSON.parse(reply.body) as PresignResponse & { error?: string; refused?: string[] } };
  };
}

const tile = (key: string) => ({ key, contentType: 'image/jpeg', cacheControl: 'public, max-age=31536000, immutable' });

describe('presign endpoint (no S3 needed: signing is local)', () => {
  const call = endpointFor('bucket-a');

  it('signs keys inside the allowed prefixes, with no checksum parameter and the headers signed', async () => {
    const reply = await call({ objects: [tile('iiif/a/0,0,256,256/256,/0/default.jpg'), tile('other/x.jpg')] });
    expect(reply.status).toBe(200);
    expect(reply.json.objects).toHaveLength(2);
    for (const object of reply.json.objects) {
      const url = new URL(object.url);
      expect([...url.searchParams.keys()].filter((k) => k.toLowerCase().startsWith('x-amz-checksum'))).toEqual([]);
      expect(url.href.toLowerCase()).not.toContain('x-amz-sdk-checksum');
      expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('cache-control;content-type;host');
      expect(Number(url.searchParams.get('X-Amz-Expires'))).toBe(300);
      expect(object.headers).toEqual({
        'Content-Type': 'image/jpeg',
        'Cache-Control': 'public, max-age=31536000, immutable',
      });
    }
    expect(Date.parse(reply.json.expiresAt) - Date.now()).toBeGreaterThan(290_000);
    expect(reply.headers['Access-Control-Allow-Origin']).toBe(APP);
  });

  it.each([
    ['outside every prefix', 'elsewhere/a.jpg'],
    ['a prefix look-alike', 'iiif-evil/a.jpg'],
    ['climbing out with ..', 'iiif/../secret/a.jpg'],
    ['a leading slash', '/iiif/a.jpg'],
    ['an empty segment', 'iiif//a.jpg'],
    ['a control character', 'iiif/a\u0000.jpg'],
  ])('refuses a key %s, and signs nothing of that batch', async (_, key) => {
    const reply = await call({ objects: [tile('iiif/fine.jpg'), tile(key)] });
    expect(reply.status).toBe(403);
    expect(reply.json.refused).toEqual([key]);
    expect(reply.json.objects).toBeUndefined();
  });

  it('refuses other content types, bad Cache-Control, empty or huge batches, and other origins', async () => {
    expect((await call({ objects: [{ ...tile('iiif/a.svg'), contentType: 'image/svg+xml' }] })).status).toBe(400);
    expect((await call({ objects: [{ ...tile('iiif/a.jpg'), cacheControl: 'x\r\ny: z' }] })).status).toBe(400);
    expect((await call({ objects: [] })).status).toBe(400);
    expect((await call({ objects: Array.from({ length: 1001 }, (_, i) => tile(`iiif/${i}.jpg`)) })).status).toBe(400);
    const foreign = await call({ objects: [tile('iiif/a.jpg')] }, 'http://evil.test');
    expect(foreign.status).toBe(403);
    expect(foreign.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('gives a POST policy only for an allowed prefix', async () => {
    expect((await call({ prefix: 'elsewhere' }, APP, '/post-policy')).status).toBe(403);
    const policy = await call({ prefix: 'iiif/run-1' }, APP, '/post-policy');
    expect(policy.status).toBe(200);
    const fields = (policy.json as unknown as { fields: Record<string, string> }).fields;
    const decoded = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString()) as { conditions: unknown[] };
    expect(decoded.conditions).toContainEqual(['starts-with', '$key', 'iiif/run-1/']);
  });

  it('refuses to start without a bucket, prefixes or a sane expiry', () => {
    expect(() => configFromEnv({ PRESIGN_ALLOWED_PREFIXES: 'a/' })).toThrow(/PRESIGN_BUCKET/);
    expect(() => configFromEnv({ PRESIGN_BUCKET: 'b' })).toThrow(/PRESIGN_ALLOWED_PREFIXES/);
    expect(() =>
      configFromEnv({ PRESIGN_BUCKET: 'b', PRESIGN_ALLOWED_PREFIXES: 'a/', PRESIGN_EXPIRES_SECONDS: '0' }),
    ).toThrow();
  });
});

describe.skipIf(!S3_ENDPOINT)('presigned URLs against the local S3 server (radosgw)', () => {
  const client = s3Client();
  let bucket = '';
  beforeAll(async () => {
    bucket = await createPublicBucket(client, [APP]);
  });

  const put = (url: string, body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'PUT', body, headers });

  it('stores an object with the signed Content-Type and Cache-Control', async () => {
    const [signed] = (
      await endpointFor(bucket)({
        objects: [{ key: 'iiif/a/info.json', contentType: IIIF_IMAGE_JSON, cacheControl: 'no-cache' }],
      })
    ).json.objects;
    const response = await put(signed!.url, '{"a":1}', signed!.headers);
    expect(response.status).toBe(200);
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'iiif/a/info.json' }));
    expect(head.ContentType).toBe(IIIF_IMAGE_JSON);
    expect(head.CacheControl).toBe('no-cache');
    expect(head.ContentLength).toBe(7);
  });

  it('answers 403 to a URL whose signature, key or signed header was changed', async () => {
    const [signed] = (await endpointFor(bucket)({ objects: [tile('iiif/t.jpg')] })).json.objects;
    const url = new URL(signed!.url);
    const signature = url.searchParams.get('X-Amz-Signature')!;
    const tampered = new URL(url);
    tampered.searchParams.set('X-Amz-Signature', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
    expect((await put(tampered.href, 'x', signed!.headers)).status).toBe(403);
    const moved = new URL(url.href.replace('/iiif/t.jpg', '/iiif/u.jpg'));
    expect((await put(moved.href, 'x', signed!.headers)).status).toBe(403);
    expect((await put(url.href, 'x', { ...signed!.headers, 'Content-Type': 'text/html' })).status).toBe(403);
    await expect(client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'iiif/t.jpg' }))).rejects.toThrow();
  });

  it('answers 403 to an expired URL', async () => {
    const call = endpointFor(bucket, { PRESIGN_EXPIRES_SECONDS: '1' });
    const [signed] = (await call({ objects: [tile('iiif/late.jpg')] })).json.objects;
    await new Promise((wait) => setTimeout(wait, 2500));
    expect((await put(signed!.url, 'x', signed!.headers)).status).toBe(403);
    await expect(client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'iiif/late.jpg' }))).rejects.toThrow();
  });

  it('accepts uploads through a POST policy inside its prefix and refuses keys outside it', async () => {
    const reply = await endpointFor(bucket)({ prefix: 'iiif/posted' }, APP, '/post-policy');
    const { url, fields } = reply.json as unknown as { url: string; fields: Record<string, string> };
    const post = (key: string) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.set('key', key);
      form.append('Content-Type', 'image/jpeg');
      form.append('Cache-Control', 'max-age=60');
      form.append('file', new Blob(['jpeg bytes']));
      return fetch(url, { method: 'POST', body: form });
    };
    expect((await post('iiif/posted/a.jpg')).status).toBeLessThan(300);
    const stored = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'iiif/posted/a.jpg' }));
    expect(stored.ContentType).toBe('image/jpeg');
    // radosgw 16 drops a Cache-Control form field (AWS S3 stores it), as docs/publishing.md says of POST policies.
    expect(await stored.Body!.transformToString()).toBe('jpeg bytes');
    expect((await post('iiif/elsewhere/a.jpg')).status).toBe(403);
  });
});

import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { contentTypeOf } from '../src/shared/content-type';
import type { Bundle } from '../test/bundle-checks';
import { S3_CREDENTIALS, S3_ENDPOINT } from '../test/s3-local';

export const APP_ORIGIN = 'http://127.0.0.1:4317';

/** Starts the built reference presign endpoint (dist-presign/server.js) for one bucket; resolves once it listens. */
export async function startPresignEndpoint(bucket: string, prefix: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist-presign/server.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      PRESIGN_BUCKET: bucket,
      PRESIGN_ALLOWED_PREFIXES: prefix,
      PRESIGN_ALLOWED_ORIGINS: APP_ORIGIN,
      PRESIGN_EXPIRES_SECONDS: '300',
      S3_ENDPOINT: S3_ENDPOINT,
      AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, fail) => {
    child.stdout!.once('data', () => ready());
    child.once('exit', (code) => fail(new Error(`presign endpoint exited with ${code}`)));
  });
  return child;
}

export interface StoredObject {
  bytes: Buffer;
  contentType: string | undefined;
  cacheControl: string | undefined;
}

/** Every object under `prefix`, read back through the S3 API. */
export async function listBucket(client: S3Client, bucket: string, prefix: string): Promise<Map<string, StoredObject>> {
  const objects = new Map<string, StoredObject>();
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const { Key } of page.Contents ?? []) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
      objects.set(Key!, {
        bytes: Buffer.from(await object.Body!.transformToByteArray()),
        contentType: object.ContentType,
        cacheControl: object.CacheControl,
      });
    }
    token = page.NextContinuationToken;
  } while (token);
  return objects;
}

/** The bucket holds exactly the ZIP's files under `prefix`: same keys, same bytes, the right Content-Type. */
export function expectBucketEqualsZip(stored: Map<string, StoredObject>, zip: Bundle, prefix: string): void {
  expect([...stored.keys()].sort()).toEqual([...zip.keys()].map((name) => `${prefix}${name}`).sort());
  for (const [name, bytes] of zip) {
    const object = stored.get(`${prefix}${name}`)!;
    expect(object.bytes.equals(Buffer.from(bytes)), name).toBe(true);
    expect(object.contentType, name).toBe(contentTypeOf(name));
  }
}

/** Fills in the Publish panel for the presign endpoint mode. */
export async function configureUpload(
  page: Page,
  options: { endpoint: string; prefix: string; concurrency?: number },
): Promise<void> {
  await page.getByTestId('upload-mode').selectOption('presign');
  for (const [testId, value] of [
    ['presign-endpoint', options.endpoint],
    ['key-prefix', options.prefix],
    ['upload-concurrency', String(options.concurrency ?? 8)],
  ] as const) {
    await page.getByTestId(testId).fill(value);
    await page.getByTestId(testId).dispatchEvent('change');
  }
}

/** What the page's IndexedDB records as uploaded for `baseUrl`: key → SHA-256 of the bytes. */
export async function recordedUploads(page: Page, baseUrl: string): Promise<Map<string, string>> {
  const records = await page.evaluate(
    (base) =>
      new Promise<[string, string][]>((resolve, reject) => {
        const open = indexedDB.open('vitrine');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const range = IDBKeyRange.bound([base, ''], [base, '\uffff']);
          const request = open.result.transaction('uploads').objectStore('uploads').getAll(range);
          request.onsuccess = () => {
            resolve((request.result as { key: string; sha256: string }[]).map((r) => [r.key, r.sha256]));
            open.result.close();
          };
        };
      }),
    baseUrl,
  );
  return new Map(records);
}

/** Every record names an object that is in the bucket with exactly the recorded bytes. */
export function expectRecordsStored(records: Map<string, string>, stored: Map<string, StoredObject>): void {
  for (const [key, sha256] of records) {
    const object = stored.get(key);
    expect(object, key).toBeDefined();
    expect(createHash('sha256').update(object!.bytes).digest('hex'), key).toBe(sha256);
  }
}

import {
  CreateBucketCommand,
  PutBucketCorsCommand,
  PutBucketPolicyCommand,
  S3Client,
  type CORSRule,
} from '@aws-sdk/client-s3';

/**
 * The local S3 server that `npm test` starts (Ceph radosgw, scripts/s3/start-rgw.sh) and its test user.
 * Unset outside `npm test`: suites that need it are skipped then, and `npm test` always sets it.
 */
export const S3_ENDPOINT = process.env.VITRINE_S3_ENDPOINT;
export const S3_CREDENTIALS = { accessKeyId: 'TESTACCESSKEY', secretAccessKey: 'TESTSECRETKEY' };

export function s3Client(): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint: S3_ENDPOINT,
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}

/** The CORS rule docs/publishing.md asks publishers to set, for the given app and viewer origins. */
export function bundleCorsRules(origins: string[]): CORSRule[] {
  return [
    {
      AllowedOrigins: origins,
      AllowedMethods: ['GET', 'HEAD', 'PUT', 'POST'],
      AllowedHeaders: ['*'],
      ExposeHeaders: ['ETag'],
      MaxAgeSeconds: 600,
    },
  ];
}

/** Creates a bucket with a fresh name, readable by anyone, with the bundle CORS rule for `origins`. */
export async function createPublicBucket(client: S3Client, origins: string[]): Promise<string> {
  const bucket = `vitrine-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  await client.send(
    new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: bundleCorsRules(origins) } }),
  );
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }],
  };
  await client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
  return bucket;
}

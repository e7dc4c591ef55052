import { S3Client } from '@aws-sdk/client-s3';

/** `s3://bucket/prefix/` as a bucket and a key prefix ending in `/` (or empty). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

export function parseS3Url(url: string): S3Location | null {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!match) return null;
  const segments = (match[2] ?? '').split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) throw new Error(`“${url}”: no . or .. in an S3 prefix`);
  return { bucket: match[1]!, prefix: segments.map((s) => `${s}/`).join('') };
}

/**
 * A client as the presign endpoint makes one (src/presign/config.ts): the same S3_ENDPOINT, AWS_REGION and
 * S3_FORCE_PATH_STYLE variables, credentials from the AWS SDK's own chain (AWS_ACCESS_KEY_ID…, a profile,
 * an instance or task role). Never from a file of ours, never from the command line.
 */
export function s3ClientFromEnv(env: Record<string, string | undefined> = process.env): S3Client {
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  return new S3Client({
    region: env.AWS_REGION?.trim() || 'us-east-1',
    endpoint,
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : endpoint !== undefined,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}

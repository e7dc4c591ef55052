import { normaliseKeyPrefix } from '../shared/presign-protocol';

/** What the endpoint is allowed to sign, read once from the environment (never from a request). */
export interface PresignConfig {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, Ceph radosgw…); unset for AWS S3 itself. */
  endpoint?: string;
  forcePathStyle: boolean;
  allowedPrefixes: string[];
  allowedOrigins: string[];
  expiresSeconds: number;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Reads PRESIGN_* and S3_* variables; credentials stay with the AWS SDK's own provider chain. */
export function configFromEnv(env: Record<string, string | undefined> = process.env): PresignConfig {
  const bucket = env.PRESIGN_BUCKET?.trim();
  if (!bucket) throw new Error('PRESIGN_BUCKET is not set');
  const prefixes = list(env.PRESIGN_ALLOWED_PREFIXES);
  if (prefixes.length === 0) throw new Error('PRESIGN_ALLOWED_PREFIXES is not set (for example "iiif/")');
  const expiresSeconds = Number(env.PRESIGN_EXPIRES_SECONDS ?? 300);
  if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > 3600) {
    throw new Error('PRESIGN_EXPIRES_SECONDS must be a whole number of seconds from 1 to 3600');
  }
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  return {
    bucket,
    region: env.AWS_REGION?.trim() || 'us-east-1',
    endpoint,
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : endpoint !== undefined,
    allowedPrefixes: prefixes.map(normaliseKeyPrefix),
    allowedOrigins: list(env.PRESIGN_ALLOWED_ORIGINS),
    expiresSeconds,
  };
}

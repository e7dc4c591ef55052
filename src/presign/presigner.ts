import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PresignObject, PresignedPut } from '../shared/presign-protocol';
import type { PresignConfig } from './config';

/** Largest object a POST policy admits: far above any tile or manifest. */
const POST_MAX_BYTES = 100 * 1024 * 1024;

export interface PostPolicy {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/** Signs uploads for one bucket with the credentials of the AWS SDK's default provider chain. */
export class Presigner {
  private readonly client: S3Client;

  constructor(private readonly config: PresignConfig) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      // Otherwise SDK ≥ 3.729 signs a CRC32 of an empty body into every URL, and S3 refuses the real body.
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
  }

  async put(object: PresignObject): Promise<PresignedPut> {
    const command = new PutObjectCommand({
      Bucket: this.config.bucket,
      Key: object.key,
      ContentType: object.contentType,
      CacheControl: object.cacheControl,
    });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: this.config.expiresSeconds,
      // Signed, so an object cannot be stored under another type or caching rule than the one asked for.
      signableHeaders: new Set(['content-type', 'cache-control']),
    });
    return {
      key: object.key,
      url,
      headers: { 'Content-Type': object.contentType, 'Cache-Control': object.cacheControl },
    };
  }

  /** One POST policy for every key under `prefix`: a whole bundle uploads without a request per file. */
  async postPolicy(prefix: string): Promise<PostPolicy> {
    const { url, fields } = await createPresignedPost(this.client, {
      Bucket: this.config.bucket,
      Key: `${prefix}\${filename}`,
      Conditions: [
        ['starts-with', '$key', prefix],
        ['starts-with', '$Content-Type', ''],
        ['starts-with', '$Cache-Control', ''],
        ['content-length-range', 0, POST_MAX_BYTES],
      ],
      Expires: this.config.expiresSeconds,
    });
    return { url, fields, expiresAt: new Date(Date.now() + this.config.expiresSeconds * 1000).toISOString() };
  }
}

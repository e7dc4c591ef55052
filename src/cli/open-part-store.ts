import { resolve } from 'node:path';
import { FolderPartStore, type PartStore } from './part-store';
import { parseS3Url } from './s3-location';
import { S3PartStore } from './s3-part-store';

/** An s3://bucket/prefix URL is an S3 store; anything else a folder. */
export async function openPartStore(where: string): Promise<FolderPartStore | S3PartStore> {
  const s3 = parseS3Url(where);
  if (s3) return new S3PartStore(s3);
  if (where.startsWith('s3:')) throw new Error(`“${where}” is not an s3://bucket/prefix URL`);
  return new FolderPartStore(resolve(where));
}

export type { PartStore };

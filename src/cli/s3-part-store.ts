import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { DEFAULT_CACHE_RULES } from '../shared/cache-rules';
import { contentTypeOf } from '../shared/content-type';
import { tiffPath } from '../shared/export-options';
import { isPartManifestName, PARTS_DIR } from '../shared/part-manifest';
import type { PartStore } from './part-store';
import { s3ClientFromEnv, type S3Location } from './s3-location';

const UPLOADS_IN_FLIGHT = 8;

/**
 * A bundle under an S3 prefix. A shard tiles into a local scratch folder and uploads each finished
 * image; S3 has no rename, so the image's completion record, uploaded after its last file, is what
 * says it is whole (a killed shard leaves files without a record, overwritten when re-run).
 */
export class S3PartStore implements PartStore {
  private readonly client = s3ClientFromEnv();
  private scratchFolder: string | null = null;
  readonly where: string;

  constructor(private readonly location: S3Location) {
    this.where = `s3://${location.bucket}/${location.prefix}`;
  }

  async scratch(): Promise<string> {
    this.scratchFolder = await mkdtemp(join(tmpdir(), 'vitrine-shard-'));
    return this.scratchFolder;
  }

  async readJson<T>(path: string): Promise<T | null> {
    const bytes = await this.get(path);
    return bytes === null ? null : (JSON.parse(new TextDecoder().decode(bytes)) as T);
  }

  async get(path: string): Promise<Uint8Array | null> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(path) }),
      );
      return await object.Body!.transformToByteArray();
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  /** One PUT is whole or absent: S3 never shows half an object. */
  async writeJson(path: string, value: unknown): Promise<void> {
    await this.put(path, new TextEncoder().encode(`${JSON.stringify(value, null, 1)}\n`));
  }

  async put(path: string, body: Uint8Array): Promise<void> {
    const contentType = contentTypeOf(path);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.location.bucket,
        Key: this.key(path),
        Body: body,
        ContentType: contentType,
        CacheControl: contentType.startsWith('image/') ? DEFAULT_CACHE_RULES.images : DEFAULT_CACHE_RULES.documents,
      }),
    );
  }

  async partNames(): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.location.bucket,
          Prefix: this.key(`${PARTS_DIR}/`),
          Delimiter: '/',
          ContinuationToken: token,
        }),
      );
      for (const { Key } of page.Contents ?? []) names.push(Key!.slice(this.key(`${PARTS_DIR}/`).length));
      token = page.NextContinuationToken;
    } while (token);
    return names.filter(isPartManifestName).sort();
  }

  /** The record is uploaded after the image's last file, so its presence is the check (see publish). */
  async hasImage(id: string, tiff: boolean): Promise<boolean> {
    const head = (path: string) =>
      this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.key(path) })).then(
        () => true,
        () => false,
      );
    return (await head(`${PARTS_DIR}/images/${id}.json`)) && (!tiff || (await head(tiffPath(id))));
  }

  async publish(id: string, folder: string, tiff: string | undefined): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true, recursive: true });
    const paths = entries
      .filter((e) => e.isFile())
      .map((e) => relative(folder, join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();
    const uploads: [string, string][] = paths.map((p) => [join(folder, p), `${id}/${p}`]);
    if (tiff) uploads.push([tiff, tiffPath(id)]);
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < uploads.length; i = next++) {
        const [file, path] = uploads[i]!;
        await this.put(path, new Uint8Array(await readFile(file)));
      }
    };
    await Promise.all(Array.from({ length: UPLOADS_IN_FLIGHT }, lane));
    await rm(folder, { recursive: true, force: true });
    if (tiff) await rm(tiff, { force: true });
  }

  async close(): Promise<void> {
    if (this.scratchFolder) await rm(this.scratchFolder, { recursive: true, force: true });
  }

  private key(path: string): string {
    return `${this.location.prefix}${path}`;
  }
}

import { contentTypeOf } from '../../shared/content-type';
import { filesOf, type VitrineDb } from '../../shared/db';
import { exportNames } from '../../shared/image-api2';
import type { IiifVersion } from '../../shared/iiif-version';
import { bundleDocuments, imageFiles, type BundleContent, type BundleEntry } from '../bundle-entries';

/** One object to put in the bucket: the bundle file at `path`, stored under `key`. */
export interface UploadObject {
  key: string;
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  cacheControl: string;
}

export interface CacheRules {
  /** For tiles and sizes: they never change under the same path unless the image is tiled again. */
  images: string;
  /** For JSON, HTML and scripts, which change when the bundle is exported again. */
  documents: string;
}

export interface UploadContent {
  objects: AsyncIterable<UploadObject>;
  totalObjects: number;
  totalBytes: number;
}

const encoder = new TextEncoder();

/** The same files as the ZIP export, as bucket objects under `keyPrefix`, with their totals for progress. */
export async function uploadContent(
  db: VitrineDb,
  content: BundleContent,
  baseUrl: string,
  title: string,
  keyPrefix: string,
  cache: CacheRules,
  version: IiifVersion = '3',
): Promise<UploadContent> {
  const { images } = content;
  const documents = await bundleDocuments(content, baseUrl, title, version);
  // Counted by name: under Image API 2 a stored size is also sent under its 2.x URLs.
  const counts = await Promise.all(
    images.map(async (image) => {
      const names = exportNames(image, version);
      const keys = await db.getAllKeys('files', filesOf(image.id));
      return keys.reduce((n, [, path]) => n + names(path).length, 0);
    }),
  );
  const toObject = (entry: BundleEntry): UploadObject => {
    const contentType = contentTypeOf(entry.name);
    const { input } = entry;
    const body =
      typeof input === 'string' ? encoder.encode(input) : input instanceof Uint8Array ? input : new Uint8Array(input);
    const cacheControl = contentType.startsWith('image/') ? cache.images : cache.documents;
    return { key: `${keyPrefix}${entry.name}`, body, contentType, cacheControl };
  };
  const documentObjects = documents.map(toObject);
  return {
    objects: (async function* () {
      yield* documentObjects;
      for await (const entry of imageFiles(db, images, version)) yield toObject(entry);
    })(),
    totalObjects: documentObjects.length + counts.reduce((a, b) => a + b, 0),
    totalBytes:
      documentObjects.reduce((n, o) => n + o.body.byteLength, 0) + images.reduce((n, i) => n + i.storedBytes, 0),
  };
}

/** Hex SHA-256 of an object's bytes: an upload record counts only while the bytes are the same. */
export async function digestOf(body: Uint8Array<ArrayBuffer>): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Descriptive, LabelValue } from './descriptive';
import type { EncodeRoute } from './encoder-route';
import type { StoredObject } from './iiif-object';
import type { InputPolicy } from './input-policy';
import type { TileSettings } from './settings';

/** `skipped`: a file found in a dropped folder that is not an image; listed, never tiled. */
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'skipped';

/** One image of the project: its job state, its pyramid's shape and what a person wrote about it. */
export interface ImageRecord {
  id: string;
  /** The original file name: shown as text and used as the default label, never as a path. */
  name: string;
  state: JobState;
  settings: TileSettings;
  policy: InputPolicy;
  /** Upright size; 0 until the header has been read. */
  width: number;
  height: number;
  descriptive: Descriptive;
  notes: string[];
  /** What a person should check before publishing (damage tiled anyway, frames left out): the report's warnings. */
  warnings?: string[];
  /** The source's format as sniffed from its bytes, once tiled. */
  format?: string;
  /** Which encoder wrote its tile rows, once tiled. */
  route?: EncodeRoute;
  /** Which full-resolution page of a multi-page TIFF this image is (0-based). */
  page?: number;
  /** The id the dropped file is stored under, when another record's (the pages of one TIFF share it). */
  sourceId?: string;
  /** The section or chapter a metadata table gave it: a range of its object's table of contents. */
  section?: string;
  /** What the file said about itself, for the manifest's metadata (see StoredImage). */
  sourceMetadata?: LabelValue[];
  /** Tiled although truncated or corrupt (only when the person allowed it). */
  damaged?: boolean;
  error?: string;
  /** The failure's TileErrorCode, which decides whether a retry is offered. */
  errorCode?: string;
  createdAt: number;
  elapsedMs?: number;
  /** Size of the dropped file. */
  sourceBytes: number;
  /** Bytes stored for this image in `files`. */
  storedBytes: number;
  /** Size of the worker's wasm memory when the job ended (it never shrinks): for the benchmark. */
  wasmBytes?: number;
}

/** One file of an image's bundle folder, keyed by image id and its path below that folder. */
export interface BundleFile {
  imageId: string;
  path: string;
  data: ArrayBuffer;
}

/** The dropped file of an image, kept until it is tiled so a reload or a retry can run the job again. */
export interface SourceFile {
  id: string;
  file: File;
}

/**
 * An object the bucket confirmed (2xx) for a bundle published at `baseUrl`: written only after that
 * answer, so a resumed upload skips exactly what is stored, and only while its bytes are unchanged.
 */
export interface UploadedObject {
  baseUrl: string;
  key: string;
  sha256: string;
  bytes: number;
  uploadedAt: number;
}

/** An object of the project (see StoredObject): its canvases are image ids, so editing it never re-tiles. */
export interface ObjectRecord extends StoredObject {
  createdAt: number;
}

export interface VitrineSchema extends DBSchema {
  images: { key: string; value: ImageRecord; indexes: { createdAt: number } };
  objects: { key: string; value: ObjectRecord };
  files: { key: [string, string]; value: BundleFile };
  sources: { key: string; value: SourceFile };
  uploads: { key: [string, string]; value: UploadedObject };
}

export type VitrineDb = IDBPDatabase<VitrineSchema>;

export const DB_NAME = 'vitrine';

export function openVitrineDb(): Promise<VitrineDb> {
  return openDB<VitrineSchema>(DB_NAME, 4, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const images = db.createObjectStore('images', { keyPath: 'id' });
        images.createIndex('createdAt', 'createdAt');
        db.createObjectStore('files', { keyPath: ['imageId', 'path'] });
      }
      if (oldVersion < 2) db.createObjectStore('sources', { keyPath: 'id' });
      if (oldVersion < 3) db.createObjectStore('uploads', { keyPath: ['baseUrl', 'key'] });
      if (oldVersion < 4) db.createObjectStore('objects', { keyPath: 'id' });
    },
  });
}

/** The key range of every record whose [first, second] key starts with `first`. */
function keysStartingWith(first: string): IDBKeyRange {
  return IDBKeyRange.bound([first, ''], [first, '\uffff']);
}

/** The key range of every file of one image. */
export const filesOf = keysStartingWith;

/** The key range of every object recorded as uploaded for one public base URL. */
export const uploadsOf = keysStartingWith;

/**
 * Deletes an image's files and record in one transaction, with its source unless another record (a page
 * of the same TIFF) still needs it, and writes its object without it (or deletes the object it emptied).
 */
export async function deleteImage(
  db: VitrineDb,
  imageId: string,
  change: { source: string | null; object: ObjectRecord | null },
): Promise<void> {
  const tx = db.transaction(['images', 'files', 'sources', 'objects'], 'readwrite');
  const { object, source } = change;
  const objects = tx.objectStore('objects');
  await Promise.all([
    tx.objectStore('files').delete(filesOf(imageId)),
    source !== null ? tx.objectStore('sources').delete(source) : undefined,
    tx.objectStore('images').delete(imageId),
    object ? (object.canvases.length ? objects.put(object) : objects.delete(object.id)) : undefined,
    tx.done,
  ]);
}

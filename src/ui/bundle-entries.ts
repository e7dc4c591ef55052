import osdScriptUrl from 'openseadragon/build/openseadragon/openseadragon.min.js?url';
import type { ReportInput } from '../shared/batch-report';
import { bundleTextFiles } from '../shared/bundle-documents';
import { BUNDLE_OSD_SCRIPT, BUNDLE_VIEWER_SCRIPT } from '../shared/bundle-index-html';
import type { ImageRecord, ObjectRecord, VitrineDb } from '../shared/db';
import { exportNames } from '../shared/image-api2';
import type { IiifVersion } from '../shared/iiif-version';

export interface BundleEntry {
  /** Path inside the bundle; built from image ids and IIIF paths only, never from a file name. */
  name: string;
  input: string | ArrayBuffer | Uint8Array<ArrayBuffer>;
}

/** What a bundle is made of: the finished images, the objects they are canvases of, and the batch report. */
export interface BundleContent {
  images: readonly ImageRecord[];
  objects: readonly ObjectRecord[];
  report: readonly ReportInput[];
}

const FILES_PER_READ = 256;

/** The bundle's documents (see bundleTextFiles) and viewer scripts: small, so they are made at once. */
export async function bundleDocuments(
  content: BundleContent,
  baseUrl: string,
  title: string,
  version: IiifVersion = '3',
): Promise<BundleEntry[]> {
  const { images, objects, report } = content;
  const documents: BundleEntry[] = bundleTextFiles(images, objects, report, baseUrl, title, version).map((file) => ({
    name: file.path,
    input: file.text,
  }));
  documents.push({
    name: BUNDLE_VIEWER_SCRIPT,
    input: await fetchBytes(new URL('bundle-viewer.js', document.baseURI).href),
  });
  documents.push({ name: BUNDLE_OSD_SCRIPT, input: await fetchBytes(osdScriptUrl) });
  return documents;
}

/** Every file of the bundle, read from IndexedDB a batch at a time so the bundle is never whole in memory. */
export async function* bundleEntries(
  db: VitrineDb,
  content: BundleContent,
  baseUrl: string,
  title: string,
  version: IiifVersion = '3',
): AsyncGenerator<BundleEntry> {
  yield* await bundleDocuments(content, baseUrl, title, version);
  yield* imageFiles(db, content.images, version);
}

/** The tiles and sizes of every image, under their image folders and the URLs of the IIIF version. */
export async function* imageFiles(
  db: VitrineDb,
  images: readonly ImageRecord[],
  version: IiifVersion = '3',
): AsyncGenerator<BundleEntry> {
  for (const image of images) {
    const names = exportNames(image, version);
    for await (const file of storedFiles(db, image.id))
      for (const name of names(file.path)) yield { name: `${image.id}/${name}`, input: file.data };
  }
}

/** The stored files of one image in key order, one short read transaction per batch. */
export async function* storedFiles(db: VitrineDb, imageId: string) {
  let after = '';
  for (;;) {
    const range = IDBKeyRange.bound([imageId, after], [imageId, '\uffff'], after !== '', false);
    const batch = await db.getAll('files', range, FILES_PER_READ);
    yield* batch;
    const last = batch[batch.length - 1];
    if (!last || batch.length < FILES_PER_READ) return;
    after = last.path;
  }
}

async function fetchBytes(url: string): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${url} for the bundle viewer (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

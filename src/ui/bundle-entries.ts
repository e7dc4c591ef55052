import osdScriptUrl from 'openseadragon/build/openseadragon/openseadragon.min.js?url';
import { buildBundleIndexHtml, BUNDLE_OSD_SCRIPT, BUNDLE_VIEWER_SCRIPT } from '../shared/bundle-index-html';
import { bundleJsonFiles, serialiseJson } from '../shared/bundle-json';
import type { ImageRecord, VitrineDb } from '../shared/db';

export interface BundleEntry {
  /** Path inside the bundle; built from image ids and IIIF paths only, never from a file name. */
  name: string;
  input: string | ArrayBuffer | Uint8Array<ArrayBuffer>;
}

const FILES_PER_READ = 256;

/** The bundle's JSON documents, index.html and viewer scripts: small, so they are made at once. */
export async function bundleDocuments(
  images: readonly ImageRecord[],
  baseUrl: string,
  title: string,
): Promise<BundleEntry[]> {
  const documents: BundleEntry[] = bundleJsonFiles(images, baseUrl, title).map((file) => ({
    name: file.path,
    input: serialiseJson(file.json),
  }));
  const labels = images.map((i) => ({ id: i.id, label: i.descriptive.label }));
  documents.push({ name: 'index.html', input: buildBundleIndexHtml(labels, title) });
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
  images: readonly ImageRecord[],
  baseUrl: string,
  title: string,
): AsyncGenerator<BundleEntry> {
  yield* await bundleDocuments(images, baseUrl, title);
  yield* imageFiles(db, images);
}

/** The tiles and sizes of every image, under their image folders. */
export async function* imageFiles(db: VitrineDb, images: readonly ImageRecord[]): AsyncGenerator<BundleEntry> {
  for (const image of images) {
    for await (const file of storedFiles(db, image.id)) yield { name: `${image.id}/${file.path}`, input: file.data };
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

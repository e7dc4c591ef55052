import { buildInfoJson } from './iiif-info';
import { buildCollection, type StoredImage } from './iiif-manifest';
import type { StoredObject } from './iiif-object';
import { isSafeImageId } from './image-id';
import { publicationManifest } from './object-manifest';
import { publications } from './publication';
import { buildSearchIndex } from './search-index';

export interface BundleJsonFile {
  path: string;
  json: unknown;
}

/**
 * The JSON documents of a bundle for one base URL: written at export, so a new base URL or a new canvas
 * order never re-tiles. Every image has its info.json; each object, and each image outside an object, a manifest.
 */
export function bundleJsonFiles(
  images: readonly StoredImage[],
  objects: readonly StoredObject[],
  baseUrl: string,
  collectionLabel: string,
): BundleJsonFile[] {
  // Ids become folder names: one this project could not have made (a tampered record) stops the export.
  const folders = [...images, ...objects].map((i) => i.id);
  const unsafe = folders.find((id) => !isSafeImageId(id));
  if (unsafe !== undefined) throw new TypeError(`Refusing to export an image with the unsafe id “${unsafe}”`);
  const seen = new Set<string>();
  const twice = folders.find((id) => seen.size === seen.add(id).size);
  if (twice !== undefined) throw new TypeError(`Refusing to export two folders named “${twice}”`);
  const manifests = publications(images, objects);
  const files: BundleJsonFile[] = manifests.flatMap((m) => [
    ...m.canvases.map((c) => ({ path: `${c.id}/info.json`, json: buildInfoJson(c, baseUrl) })),
    { path: `${m.id}/manifest.json`, json: publicationManifest(m, baseUrl) },
  ]);
  if (manifests.length > 1) {
    files.push({ path: 'collection.json', json: buildCollection(manifests, baseUrl, collectionLabel) });
  }
  if (manifests.length > 0) files.push({ path: 'index.json', json: buildSearchIndex(manifests, baseUrl) });
  return files;
}

export function serialiseJson(json: unknown): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

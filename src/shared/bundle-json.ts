import { buildInfoJson } from './iiif-info';
import { buildCollection, buildManifest, type StoredImage } from './iiif-manifest';
import { isSafeImageId } from './image-id';
import { buildSearchIndex } from './search-index';

export interface BundleJsonFile {
  path: string;
  json: unknown;
}

/** The JSON documents of a bundle for one base URL: written at export, so a new base URL never re-tiles. */
export function bundleJsonFiles(
  images: readonly StoredImage[],
  baseUrl: string,
  collectionLabel: string,
): BundleJsonFile[] {
  // Ids become folder names: one this project could not have made (a tampered record) stops the export.
  const unsafe = images.find((image) => !isSafeImageId(image.id));
  if (unsafe) throw new TypeError(`Refusing to export an image with the unsafe id “${unsafe.id}”`);
  const files: BundleJsonFile[] = images.flatMap((image) => [
    { path: `${image.id}/info.json`, json: buildInfoJson(image, baseUrl) },
    { path: `${image.id}/manifest.json`, json: buildManifest(image, baseUrl) },
  ]);
  if (images.length > 1) {
    files.push({ path: 'collection.json', json: buildCollection(images, baseUrl, collectionLabel) });
  }
  if (images.length > 0) files.push({ path: 'index.json', json: buildSearchIndex(images, baseUrl) });
  return files;
}

export function serialiseJson(json: unknown): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

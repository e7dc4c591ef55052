import { buildInfoJson } from './iiif-info';
import { buildInfoJson2, withImageService2 } from './image-api2';
import {
  presentation2Name,
  usesImageApi2,
  writesPresentation2,
  writesPresentation3,
  type IiifVersion,
} from './iiif-version';
import { buildCollection2, publicationManifest2 } from './presentation2';
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
  version: IiifVersion = '3',
): BundleJsonFile[] {
  // Ids become folder names: one this project could not have made (a tampered record) stops the export.
  const folders = [...images, ...objects].map((i) => i.id);
  const unsafe = folders.find((id) => !isSafeImageId(id));
  if (unsafe !== undefined) throw new TypeError(`Refusing to export an image with the unsafe id “${unsafe}”`);
  const seen = new Set<string>();
  const twice = folders.find((id) => seen.size === seen.add(id).size);
  if (twice !== undefined) throw new TypeError(`Refusing to export two folders named “${twice}”`);
  const manifests = publications(images, objects);
  const v2 = usesImageApi2(version);
  const names = {
    manifest: presentation2Name(version, 'manifest'),
    collection: presentation2Name(version, 'collection'),
  };
  const files: BundleJsonFile[] = manifests.flatMap((m) => [
    ...m.canvases.map((c) => ({
      path: `${c.id}/info.json`,
      json: v2 ? buildInfoJson2(c, baseUrl) : buildInfoJson(c, baseUrl),
    })),
    ...(writesPresentation3(version)
      ? [{ path: `${m.id}/manifest.json`, json: service3or2(publicationManifest(m, baseUrl), v2) }]
      : []),
    ...(writesPresentation2(version)
      ? [{ path: `${m.id}/${names.manifest}`, json: publicationManifest2(m, baseUrl, names.manifest) }]
      : []),
  ]);
  if (manifests.length > 1) {
    if (writesPresentation3(version)) {
      const json = service3or2(buildCollection(manifests, baseUrl, collectionLabel), v2);
      files.push({ path: 'collection.json', json });
    }
    if (writesPresentation2(version)) {
      const json = buildCollection2(manifests, baseUrl, collectionLabel, names);
      files.push({ path: names.collection, json });
    }
  }
  if (manifests.length > 0) files.push({ path: 'index.json', json: buildSearchIndex(manifests, baseUrl) });
  return files;
}

const service3or2 = <T>(json: T, v2: boolean): T => (v2 ? withImageService2(json) : json);

export function serialiseJson(json: unknown): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

import type { Descriptive } from './descriptive';
import type { StoredObject } from './iiif-object';
import type { StoredImage } from './iiif-manifest';

/** One manifest of the bundle: an object with its finished canvases, or an image that is its own. */
export interface Publication {
  /** The manifest's folder in the bundle. */
  id: string;
  descriptive: Descriptive;
  canvases: StoredImage[];
  /** The canvas the manifest starts at and takes its thumbnail from. */
  cover: StoredImage;
  object: StoredObject | null;
}

/**
 * The bundle's manifests, in the order of `images` (each object where its first finished canvas is).
 * Canvases not finished are left out of their object; an object with none is left out.
 */
export function publications(images: readonly StoredImage[], objects: readonly StoredObject[]): Publication[] {
  const byId = new Map(images.map((i) => [i.id, i]));
  const objectOf = new Map<string, StoredObject>();
  for (const object of objects) for (const id of object.canvases) objectOf.set(id, object);
  const out: Publication[] = [];
  const placed = new Set<StoredObject>();
  for (const image of images) {
    const object = objectOf.get(image.id);
    if (!object) {
      out.push({ id: image.id, descriptive: image.descriptive, canvases: [image], cover: image, object: null });
      continue;
    }
    if (placed.has(object)) continue;
    placed.add(object);
    const canvases = object.canvases.map((id) => byId.get(id)).filter((c): c is StoredImage => c !== undefined);
    const cover = canvases.find((c) => c.id === object.cover) ?? canvases[0]!;
    out.push({ id: object.id, descriptive: object.descriptive, canvases, cover, object });
  }
  return out;
}

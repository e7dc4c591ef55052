import { imageServiceId } from './base-url';
import { manifestUrl, thumbnailOf, type StoredImage } from './iiif-manifest';

export interface SearchIndexEntry {
  id: string;
  label: string;
  summary: string;
  date?: string;
  metadata: { label: string; value: string }[];
  manifest: string;
  infoJson: string;
  thumbnail: string;
}

/** `index.json`: one flat entry per image for a search engine, every URL written for the base URL. */
export function buildSearchIndex(images: readonly StoredImage[], baseUrl: string): SearchIndexEntry[] {
  return images.map((image) => ({
    id: image.id,
    label: image.descriptive.label,
    summary: image.descriptive.summary,
    ...(image.descriptive.navDate ? { date: image.descriptive.navDate } : {}),
    metadata: image.descriptive.metadata,
    manifest: manifestUrl(baseUrl, image.id),
    infoJson: `${imageServiceId(baseUrl, image.id)}/info.json`,
    thumbnail: thumbnailOf(image, baseUrl)[0]!.id,
  }));
}

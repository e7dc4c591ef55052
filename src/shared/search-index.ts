import { imageServiceId } from './base-url';
import { manifestUrl, thumbnailOf } from './iiif-manifest';
import type { Publication } from './publication';

export interface SearchIndexEntry {
  id: string;
  label: string;
  summary: string;
  date?: string;
  metadata: { label: string; value: string }[];
  manifest: string;
  thumbnail: string;
  /** A single image's service; an object lists its canvases instead. */
  infoJson?: string;
  canvases?: { id: string; label: string; infoJson: string; thumbnail: string }[];
}

/** `index.json`: one flat entry per manifest (object or image) for a search engine, URLs for the base URL. */
export function buildSearchIndex(manifests: readonly Publication[], baseUrl: string): SearchIndexEntry[] {
  const infoJson = (id: string) => `${imageServiceId(baseUrl, id)}/info.json`;
  return manifests.map((m) => ({
    id: m.id,
    label: m.descriptive.label,
    summary: m.descriptive.summary,
    ...(m.descriptive.navDate ? { date: m.descriptive.navDate } : {}),
    metadata: m.descriptive.metadata,
    manifest: manifestUrl(baseUrl, m.id),
    thumbnail: thumbnailOf(m.cover, baseUrl)[0]!.id,
    ...(m.object
      ? {
          canvases: m.canvases.map((c) => ({
            id: c.id,
            label: c.descriptive.label,
            infoJson: infoJson(c.id),
            thumbnail: thumbnailOf(c, baseUrl)[0]!.id,
          })),
        }
      : { infoJson: infoJson(m.id) }),
  }));
}

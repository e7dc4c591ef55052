import { languageMap } from './descriptive';
import {
  PRESENTATION_CONTEXT,
  buildManifest,
  canvasId,
  canvasOf,
  descriptiveFields,
  manifestUrl,
  thumbnailOf,
  type StoredImage,
} from './iiif-manifest';
import type { Publication } from './publication';

/** The manifest of one publication: an object's, or a single image's. */
export function publicationManifest(publication: Publication, baseUrl: string) {
  return publication.object ? buildObjectManifest(publication, baseUrl) : buildManifest(publication.cover, baseUrl);
}

/**
 * A Presentation 3 manifest of an object: one canvas per image in its order, its behaviour and viewing
 * direction, `start` at its cover, and a range per section when its pages carry one (a table of contents).
 */
export function buildObjectManifest(publication: Publication, baseUrl: string) {
  const { object, canvases, cover } = publication;
  if (!object) throw new TypeError('an object manifest needs an object');
  const id = manifestUrl(baseUrl, object.id);
  const ranges = sectionRanges(canvases, `${id.replace(/\/manifest\.json$/, '')}/range`, baseUrl);
  return {
    '@context': PRESENTATION_CONTEXT,
    id,
    type: 'Manifest',
    ...descriptiveFields(object.descriptive),
    behavior: [object.behavior],
    viewingDirection: object.viewingDirection,
    thumbnail: thumbnailOf(cover, baseUrl),
    start: { id: canvasId(baseUrl, cover.id), type: 'Canvas' },
    items: canvases.map((c) => canvasOf(c, baseUrl, true)),
    ...(ranges.length ? { structures: ranges } : {}),
  };
}

/** One range per section, in order of first appearance, each listing its canvases in the object's order. */
function sectionRanges(canvases: readonly StoredImage[], rangeBase: string, baseUrl: string) {
  return [...canvasSections(canvases)].map(([label, members], i) => ({
    id: `${rangeBase}/${i + 1}`,
    type: 'Range',
    label: languageMap(label),
    items: members.map((m) => ({ id: canvasId(baseUrl, m.id), type: 'Canvas' })),
  }));
}

/** Each section (a range of the table of contents) with its canvases, in order of first appearance. */
export function canvasSections(canvases: readonly StoredImage[]): Map<string, StoredImage[]> {
  const sections = new Map<string, StoredImage[]>();
  for (const canvas of canvases) {
    if (!canvas.section) continue;
    const members = sections.get(canvas.section) ?? [];
    members.push(canvas);
    sections.set(canvas.section, members);
  }
  return sections;
}

import { imageServiceId } from './base-url';
import type { Descriptive, LabelValue } from './descriptive';
import { canvasId, thumbnailSize, type StoredImage } from './iiif-manifest';
import { service2 } from './image-api2';
import { canvasSections } from './object-manifest';
import { maxSize, offeredSizes } from './pyramid';
import type { Publication } from './publication';

/** Presentation 2.1 for older viewers (Mirador 2, the Universal Viewer's 2.x line, harvesters). */

export const PRESENTATION2_CONTEXT = 'http://iiif.io/api/presentation/2/context.json';

const pair = (m: LabelValue) => ({ label: m.label, value: m.value });

/** Label, description, metadata, license, attribution and navDate, as 2.1 names them (plain strings). */
function descriptive2(d: Descriptive, extra: readonly LabelValue[] = []) {
  const metadata = [...d.metadata, ...extra];
  return {
    label: d.label,
    ...(d.summary ? { description: d.summary } : {}),
    ...(metadata.length ? { metadata: metadata.map(pair) } : {}),
    ...(d.rights ? { license: d.rights } : {}),
    ...(d.requiredStatement ? { attribution: d.requiredStatement.value } : {}),
    ...(d.navDate ? { navDate: d.navDate } : {}),
  };
}

/** A stored size as the thumbnail, by its exact URL: Mirador 2 would otherwise ask the service for any width. */
function thumbnail2(image: StoredImage, baseUrl: string) {
  const { tileSize, maxSide } = image.settings;
  const size = thumbnailSize(offeredSizes(image, tileSize, maxSide));
  return {
    '@id': `${imageServiceId(baseUrl, image.id)}/full/${size.width},/0/default.jpg`,
    '@type': 'dctypes:Image',
    format: 'image/jpeg',
    width: size.width,
    height: size.height,
    service: service2(image, baseUrl),
  };
}

function canvas2(image: StoredImage, baseUrl: string) {
  const id = canvasId(baseUrl, image.id);
  const max = maxSize(image, image.settings.tileSize, image.settings.maxSide);
  return {
    '@id': id,
    '@type': 'sc:Canvas',
    label: image.descriptive.label,
    width: image.width,
    height: image.height,
    thumbnail: thumbnail2(image, baseUrl),
    images: [
      {
        '@id': `${id}/annotation/painting`,
        '@type': 'oa:Annotation',
        motivation: 'sc:painting',
        on: id,
        resource: {
          '@id': `${imageServiceId(baseUrl, image.id)}/full/${max.width},/0/default.jpg`,
          '@type': 'dctypes:Image',
          format: 'image/jpeg',
          width: max.width,
          height: max.height,
          service: service2(image, baseUrl),
        },
      },
    ],
  };
}

/** The 2.1 manifest of a publication (an object or a single image), written at `name` in its folder. */
export function publicationManifest2(publication: Publication, baseUrl: string, name: string) {
  const { object, canvases, cover } = publication;
  const id = `${imageServiceId(baseUrl, publication.id)}/${name}`;
  const sections = canvasSections(canvases);
  return {
    '@context': PRESENTATION2_CONTEXT,
    '@id': id,
    '@type': 'sc:Manifest',
    ...(object ? descriptive2(object.descriptive) : descriptive2(cover.descriptive, cover.sourceMetadata)),
    ...(object ? { viewingHint: object.behavior, viewingDirection: object.viewingDirection } : {}),
    thumbnail: thumbnail2(cover, baseUrl),
    sequences: [
      {
        '@id': `${id.replace(/\/[^/]+$/, '')}/sequence/normal`,
        '@type': 'sc:Sequence',
        ...(object ? { startCanvas: canvasId(baseUrl, cover.id) } : {}),
        canvases: canvases.map((c) => canvas2(c, baseUrl)),
      },
    ],
    ...(sections.size
      ? {
          structures: [...sections].map(([label, members], i) => ({
            '@id': `${imageServiceId(baseUrl, publication.id)}/range/${i + 1}`,
            '@type': 'sc:Range',
            label,
            canvases: members.map((c) => canvasId(baseUrl, c.id)),
          })),
        }
      : {}),
  };
}

/** The 2.1 collection of every manifest, each by its 2.1 manifest's URL. */
export function buildCollection2(
  manifests: readonly Publication[],
  baseUrl: string,
  label: string,
  names: { manifest: string; collection: string },
) {
  return {
    '@context': PRESENTATION2_CONTEXT,
    '@id': `${baseUrl}/${names.collection}`,
    '@type': 'sc:Collection',
    label,
    manifests: manifests.map((m) => ({
      '@id': `${imageServiceId(baseUrl, m.id)}/${names.manifest}`,
      '@type': 'sc:Manifest',
      label: m.descriptive.label,
      thumbnail: thumbnail2(m.cover, baseUrl),
    })),
  };
}

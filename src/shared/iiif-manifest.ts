import { imageServiceId } from './base-url';
import { languageMap, type Descriptive, type LabelValue } from './descriptive';
import { embeddedService, type PyramidDescriptor } from './iiif-info';
import { MAX_PATH_JPG, maxSize, sizePath, type Size } from './pyramid';

export const PRESENTATION_CONTEXT = 'http://iiif.io/api/presentation/3/context.json';

export interface StoredImage extends PyramidDescriptor {
  descriptive: Descriptive;
  /** What the file said about itself (resolution, bands used, damage): listed after the descriptive metadata. */
  sourceMetadata?: LabelValue[];
}

export function manifestUrl(baseUrl: string, imageId: string): string {
  return `${imageServiceId(baseUrl, imageId)}/manifest.json`;
}

/** The thumbnail: the smallest offered size at least 200 px on the long side, else the largest. */
export function thumbnailSize(sizes: readonly Size[]): Size {
  const fitting = sizes.find((s) => Math.max(s.width, s.height) >= 200);
  const chosen = fitting ?? sizes[sizes.length - 1];
  if (!chosen) throw new RangeError('an image service needs at least one size');
  return chosen;
}

export function thumbnailOf(image: PyramidDescriptor, baseUrl: string) {
  const service = embeddedService(image, baseUrl);
  const size = thumbnailSize(service.sizes);
  return [
    {
      id: `${service.id}/${sizePath(size, 'jpg')}`,
      type: 'Image',
      format: 'image/jpeg',
      width: size.width,
      height: size.height,
      service: [service],
    },
  ];
}

/** A Presentation 3 manifest of one image: one canvas painted with full/max, the level-0 service embedded. */
export function buildManifest(image: StoredImage, baseUrl: string) {
  const service = embeddedService(image, baseUrl);
  const d = image.descriptive;
  const id = manifestUrl(baseUrl, image.id);
  const canvasId = `${service.id}/canvas/1`;
  const max = maxSize(image, image.settings.tileSize, image.settings.maxSide);
  const metadata = [...d.metadata, ...(image.sourceMetadata ?? [])];
  return {
    '@context': PRESENTATION_CONTEXT,
    id,
    type: 'Manifest',
    label: languageMap(d.label),
    ...(d.summary ? { summary: languageMap(d.summary) } : {}),
    ...(metadata.length
      ? { metadata: metadata.map((m) => ({ label: languageMap(m.label), value: languageMap(m.value) })) }
      : {}),
    ...(d.rights ? { rights: d.rights } : {}),
    ...(d.navDate ? { navDate: d.navDate } : {}),
    ...(d.requiredStatement
      ? {
          requiredStatement: {
            label: languageMap(d.requiredStatement.label),
            value: languageMap(d.requiredStatement.value),
          },
        }
      : {}),
    thumbnail: thumbnailOf(image, baseUrl),
    items: [
      {
        id: canvasId,
        type: 'Canvas',
        width: image.width,
        height: image.height,
        items: [
          {
            id: `${canvasId}/page`,
            type: 'AnnotationPage',
            items: [
              {
                id: `${canvasId}/page/painting`,
                type: 'Annotation',
                motivation: 'painting',
                target: canvasId,
                body: {
                  id: `${service.id}/${MAX_PATH_JPG}`,
                  type: 'Image',
                  format: 'image/jpeg',
                  width: max.width,
                  height: max.height,
                  service: [service],
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

/** A Presentation 3 collection listing every manifest with its label and thumbnail. */
export function buildCollection(images: readonly StoredImage[], baseUrl: string, label: string) {
  return {
    '@context': PRESENTATION_CONTEXT,
    id: `${baseUrl}/collection.json`,
    type: 'Collection',
    label: languageMap(label),
    items: images.map((image) => ({
      id: manifestUrl(baseUrl, image.id),
      type: 'Manifest',
      label: languageMap(image.descriptive.label),
      thumbnail: thumbnailOf(image, baseUrl),
    })),
  };
}

import { imageServiceId } from './base-url';
import { languageMap, type Descriptive, type LabelValue } from './descriptive';
import { embeddedService, type PyramidDescriptor } from './iiif-info';
import { MAX_PATH_JPG, maxSize, sizePath, type Size } from './pyramid';
import type { Publication } from './publication';

export const PRESENTATION_CONTEXT = 'http://iiif.io/api/presentation/3/context.json';

export interface StoredImage extends PyramidDescriptor {
  descriptive: Descriptive;
  /** What the file said about itself (resolution, bands used, damage): listed after the descriptive metadata. */
  sourceMetadata?: LabelValue[];
  /** The section or chapter a table gave this page: its object's table of contents (see object-manifest.ts). */
  section?: string;
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

/** The manifest's descriptive fields: label, summary, metadata (then `extra`), rights, navDate, attribution. */
export function descriptiveFields(d: Descriptive, extra: readonly LabelValue[] = []) {
  const metadata = [...d.metadata, ...extra];
  return {
    label: languageMap(d.label),
    ...(d.summary ? { summary: languageMap(d.summary) } : {}),
    ...(metadata.length ? { metadata: metadata.map(metadataPair) } : {}),
    ...(d.rights ? { rights: d.rights } : {}),
    ...(d.navDate ? { navDate: d.navDate } : {}),
    ...(d.requiredStatement ? { requiredStatement: metadataPair(d.requiredStatement) } : {}),
  };
}

const metadataPair = (m: LabelValue) => ({ label: languageMap(m.label), value: languageMap(m.value) });

/** An image's canvas id: under its image service, so it stays the same whichever manifest lists it. */
export function canvasId(baseUrl: string, imageId: string): string {
  return `${imageServiceId(baseUrl, imageId)}/canvas/1`;
}

/**
 * The canvas of one image, painted with full/max and its level-0 service, with its label and thumbnail.
 * `described`: the image's own summary and metadata go on the canvas (a page of an object).
 */
export function canvasOf(image: StoredImage, baseUrl: string, described: boolean) {
  const service = embeddedService(image, baseUrl);
  const id = canvasId(baseUrl, image.id);
  const max = maxSize(image, image.settings.tileSize, image.settings.maxSide);
  const d = image.descriptive;
  const metadata = [...d.metadata, ...(image.sourceMetadata ?? [])];
  return {
    id,
    type: 'Canvas',
    label: languageMap(d.label),
    ...(described && d.summary ? { summary: languageMap(d.summary) } : {}),
    ...(described && metadata.length ? { metadata: metadata.map(metadataPair) } : {}),
    width: image.width,
    height: image.height,
    thumbnail: thumbnailOf(image, baseUrl),
    items: [
      {
        id: `${id}/page`,
        type: 'AnnotationPage',
        items: [
          {
            id: `${id}/page/painting`,
            type: 'Annotation',
            motivation: 'painting',
            target: id,
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
  };
}

/** A Presentation 3 manifest of one image: its descriptive metadata and one canvas. */
export function buildManifest(image: StoredImage, baseUrl: string) {
  return {
    '@context': PRESENTATION_CONTEXT,
    id: manifestUrl(baseUrl, image.id),
    type: 'Manifest',
    ...descriptiveFields(image.descriptive, image.sourceMetadata),
    thumbnail: thumbnailOf(image, baseUrl),
    items: [canvasOf(image, baseUrl, false)],
  };
}

/** A Presentation 3 collection listing every manifest (objects and single images) with label and thumbnail. */
export function buildCollection(manifests: readonly Publication[], baseUrl: string, label: string) {
  return {
    '@context': PRESENTATION_CONTEXT,
    id: `${baseUrl}/collection.json`,
    type: 'Collection',
    label: languageMap(label),
    items: manifests.map((m) => ({
      id: manifestUrl(baseUrl, m.id),
      type: 'Manifest',
      label: languageMap(m.descriptive.label),
      thumbnail: thumbnailOf(m.cover, baseUrl),
    })),
  };
}

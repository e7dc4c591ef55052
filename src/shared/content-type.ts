/** Media types of bundle files, as a publisher should serve them (IIIF asks for JSON-LD with its profile). */
export const IIIF_IMAGE_JSON = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"';
export const IIIF_PRESENTATION_JSON = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"';

const BY_EXTENSION: ReadonlyMap<string, string> = new Map([
  ['jpg', 'image/jpeg'],
  ['webp', 'image/webp'],
  ['json', 'application/json'],
  ['html', 'text/html; charset=utf-8'],
  ['js', 'text/javascript; charset=utf-8'],
  ['csv', 'text/csv; charset=utf-8'],
]);

/** Every type a bundle uses: what a presign endpoint may allow. */
export const BUNDLE_CONTENT_TYPES: readonly string[] = [
  ...BY_EXTENSION.values(),
  IIIF_IMAGE_JSON,
  IIIF_PRESENTATION_JSON,
];

/** Content type of a bundle file from its path: info.json, manifests and collections are IIIF JSON-LD. */
export function contentTypeOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'info.json') return IIIF_IMAGE_JSON;
  if (name === 'manifest.json' || name === 'collection.json') return IIIF_PRESENTATION_JSON;
  return BY_EXTENSION.get(path.slice(path.lastIndexOf('.') + 1)) ?? 'application/octet-stream';
}

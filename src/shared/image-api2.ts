import { imageServiceId } from './base-url';
import { fullMax, maxSize, offeredSizes, scaleFactors, type Size } from './pyramid';
import { usesImageApi2, type IiifVersion } from './iiif-version';
import type { PyramidDescriptor } from './iiif-info';

/** Image API 2.1 for older viewers: the same stored tiles under the 2.x URLs, and a 2.1 info.json. */

export const IMAGE2_CONTEXT = 'http://iiif.io/api/image/2/context.json';
export const IMAGE2_LEVEL0 = 'http://iiif.io/api/image/2/level0.json';

/** The info.json of an image for Image API 2.1 level 0. */
export function buildInfoJson2(p: PyramidDescriptor, baseUrl: string) {
  const { tileSize, maxSide, format } = p.settings;
  const { size: max, limits } = fullMax(p, tileSize, maxSide);
  const capped = max.width !== p.width || max.height !== p.height;
  return {
    '@context': IMAGE2_CONTEXT,
    '@id': imageServiceId(baseUrl, p.id),
    protocol: 'http://iiif.io/api/image',
    width: p.width,
    height: p.height,
    profile: [
      IMAGE2_LEVEL0,
      {
        formats: format === 'webp' ? ['jpg', 'webp'] : ['jpg'],
        qualities: ['default'],
        ...(capped ? { maxWidth: limits.width, maxHeight: limits.height } : {}),
      },
    ],
    sizes: offeredSizes(p, tileSize, maxSide),
    tiles: [{ width: tileSize, height: tileSize, scaleFactors: scaleFactors(p, tileSize) }],
  };
}

/** The service a Presentation 2.1 resource (or a version 3 one, beside it) points to. */
export function service2(p: PyramidDescriptor, baseUrl: string) {
  return { '@context': IMAGE2_CONTEXT, '@id': imageServiceId(baseUrl, p.id), profile: IMAGE2_LEVEL0 };
}

const TILE = /^(\d+),(\d+),(\d+),(\d+)\/(\d+),(\d+)\/0\/(default\.\w+)$/;
const SIZE = /^full\/(\d+),(\d+)\/0\/(default\.\w+)$/;
const MAX = /^full\/max\/0\/(default\.\w+)$/;

/**
 * Every 2.x URL a stored file answers, as OpenSeadragon and Mirador build them for a level-0 service:
 * sizes as `w,` (tiles whose width is the image's as `full`), a region covering the image as `full`,
 * `full/max` also by its width, `full/full` when that is the whole image, and the 3.0 `w,h` sizes kept
 * for Mirador.
 */
export function imageApi2Paths(path: string, image: Size, max: Size): string[] {
  const tile = TILE.exec(path);
  if (tile) {
    const [x, y, w, h, tw] = tile.slice(1, 6).map(Number) as [number, number, number, number, number];
    const whole = x === 0 && y === 0 && w === image.width && h === image.height;
    const region = whole ? 'full' : `${x},${y},${w},${h}`;
    const size = tw === image.width ? 'full' : `${tw},`;
    return [`${region}/${size}/0/${tile[7]}`];
  }
  const sized = SIZE.exec(path);
  if (sized) {
    const width = Number(sized[1]);
    const paths = [path, `full/${width},/0/${sized[3]}`];
    if (width === image.width) paths.push(`full/full/0/${sized[3]}`);
    return paths;
  }
  const whole = MAX.exec(path);
  if (whole) {
    const paths = [path, `full/${max.width},/0/${whole[1]}`];
    if (max.width === image.width && max.height === image.height) paths.push(`full/full/0/${whole[1]}`);
    return paths;
  }
  return [path];
}

/** A version 3 document with its image services pointing to the 2.1 ones (Presentation 3 allows both). */
export function withImageService2<T>(json: T): T {
  const swap = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(swap);
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    if (record.type === 'ImageService3') return { '@id': record.id, '@type': 'ImageService2', profile: IMAGE2_LEVEL0 };
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, swap(v)]));
  };
  return swap(json) as T;
}

/** For one image: the names each stored file has in the export (itself under Image API 3), each name once. */
export function exportNames(image: PyramidDescriptor, version: IiifVersion): (path: string) => string[] {
  if (!usesImageApi2(version)) return (path) => [path];
  const max = maxSize(image, image.settings.tileSize, image.settings.maxSide);
  const seen = new Set<string>();
  return (path) => imageApi2Paths(path, image, max).filter((p) => seen.size < seen.add(p).size);
}

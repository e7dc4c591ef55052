import { imageServiceId } from './base-url';
import { fullMax, offeredSizes, scaleFactors, type Size } from './pyramid';
import type { TileSettings } from './settings';

/** What the pyramid of one stored image is: enough to rebuild its info.json for any base URL. */
export interface PyramidDescriptor extends Size {
  id: string;
  settings: TileSettings;
}

export interface ImageService3 {
  '@context'?: string;
  id: string;
  type: 'ImageService3';
  protocol?: string;
  profile: 'level0';
  width: number;
  height: number;
  maxWidth?: number;
  maxHeight?: number;
  sizes: Size[];
  tiles?: { width: number; height: number; scaleFactors: number[] }[];
  extraFormats?: string[];
  preferredFormats?: string[];
}

export const IMAGE_CONTEXT = 'http://iiif.io/api/image/3/context.json';

/** The service as embedded in a manifest (cookbook recipe 0232): id, type, profile, size and sizes. */
export function embeddedService(p: PyramidDescriptor, baseUrl: string): ImageService3 {
  const { tileSize, maxSide } = p.settings;
  return {
    id: imageServiceId(baseUrl, p.id),
    type: 'ImageService3',
    profile: 'level0',
    width: p.width,
    height: p.height,
    sizes: offeredSizes(p, tileSize, maxSide),
  };
}

/** The full info.json of an image. */
export function buildInfoJson(p: PyramidDescriptor, baseUrl: string): ImageService3 {
  const { tileSize, maxSide, format } = p.settings;
  const { id, type, profile, width, height, sizes } = embeddedService(p, baseUrl);
  const { size: max, limits } = fullMax(p, tileSize, maxSide);
  const capped = max.width !== width || max.height !== height;
  return {
    '@context': IMAGE_CONTEXT,
    id,
    type,
    protocol: 'http://iiif.io/api/image',
    profile,
    width,
    height,
    ...(capped ? { maxWidth: limits.width, maxHeight: limits.height } : {}),
    sizes,
    tiles: [{ width: tileSize, height: tileSize, scaleFactors: scaleFactors(p, tileSize) }],
    ...(format === 'webp' ? { extraFormats: ['webp'], preferredFormats: ['webp', 'jpg'] } : {}),
  };
}

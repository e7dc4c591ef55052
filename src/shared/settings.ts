/** Tiling settings: what the worker needs to know to write an image's pyramid. */

export type TileFormat = 'jpg' | 'webp';

export interface TileSettings {
  tileSize: 256 | 512;
  /** JPEG/WebP quality, 1-100. */
  quality: number;
  /** `webp` writes WebP tiles and JPEG ones too: level 0 requires JPEG, WebP is the preferred extra. */
  format: TileFormat;
  /** Long side of `full/max`; larger images declare maxWidth/maxHeight. */
  maxSide: number;
}

export const DEFAULT_SETTINGS: TileSettings = { tileSize: 256, quality: 85, format: 'jpg', maxSide: 4096 };

/** The encodings written for every tile and size, the required one first. */
export function encodingsFor(settings: Pick<TileSettings, 'format'>): TileFormat[] {
  return settings.format === 'webp' ? ['jpg', 'webp'] : ['jpg'];
}

/** Throws on settings the worker must not be given. */
export function validateSettings(s: TileSettings): TileSettings {
  if (s.tileSize !== 256 && s.tileSize !== 512) throw new RangeError('Tile size must be 256 or 512');
  if (!Number.isInteger(s.quality) || s.quality < 1 || s.quality > 100) {
    throw new RangeError('Quality must be a whole number from 1 to 100');
  }
  if (s.format !== 'jpg' && s.format !== 'webp') throw new RangeError('Format must be jpg or webp');
  if (!Number.isInteger(s.maxSide) || s.maxSide < s.tileSize) {
    throw new RangeError('The full/max cap must be at least one tile');
  }
  return s;
}

import type { TileSettings } from './settings';

/** Expected values the IIIF builder tests share, written out by hand (not computed by the code under test). */
export const BASE = 'https://example.org/iiif';
export const JPG_256: TileSettings = { tileSize: 256, quality: 85, format: 'jpg', maxSide: 4096 };

/** The embedded level-0 service of a 1000×700 image with id `abc`: three scale factors, three sizes. */
export const SERVICE_1000 = {
  id: 'https://example.org/iiif/abc',
  type: 'ImageService3',
  profile: 'level0',
  width: 1000,
  height: 700,
  sizes: [
    { width: 250, height: 175 },
    { width: 500, height: 350 },
    { width: 1000, height: 700 },
  ],
};

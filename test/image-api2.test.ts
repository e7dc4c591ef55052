// A 2.1 bundle checked against the Image API 2.1 level-0 rules and against the URLs older clients build:
// OpenSeadragon's IIIF tile source (its 2.x formula, written out again here) and Mirador's thumbnails.
import { describe, expect, it } from 'vitest';
import { bundleJsonFiles } from '../src/shared/bundle-json';
import { emptyDescriptive } from '../src/shared/descriptive';
import type { StoredImage } from '../src/shared/iiif-manifest';
import { exportNames } from '../src/shared/image-api2';
import { levelTiles, MAX_PATH_JPG, offeredSizes, scaleFactors, sizePath, tilePath } from '../src/shared/pyramid';
import { presentationSchemaErrors } from './iiif-schema';

const BASE = 'https://example.org/iiif';

const image = (id: string, width: number, height: number): StoredImage => ({
  id,
  width,
  height,
  settings: { tileSize: 256, quality: 85, format: 'jpg', maxSide: 4096 },
  descriptive: emptyDescriptive(id),
});

/** What the engine stores for an image (its own tests check it stores exactly this). */
function storedPaths(p: StoredImage): string[] {
  const { tileSize, maxSide } = p.settings;
  const tiles = scaleFactors(p, tileSize).flatMap((s) => levelTiles(p, tileSize, s).map((t) => tilePath(t, 'jpg')));
  return [...tiles, ...offeredSizes(p, tileSize, maxSide).map((s) => sizePath(s, 'jpg')), MAX_PATH_JPG];
}

interface Info2 {
  '@context': string;
  '@id': string;
  protocol: string;
  width: number;
  height: number;
  profile: [string, { formats: string[]; maxWidth?: number }];
  sizes: { width: number; height: number }[];
  tiles: { width: number; height?: number; scaleFactors: number[] }[];
}

/** Every tile URL OpenSeadragon 6 requests from a 2.x level-0 service, at every level (iiiftilesource.js). */
function openSeadragonUrls(info: Info2): string[] {
  const { width: W, height: H } = info;
  const T = info.tiles[0]!.width;
  const maxLevel = Math.log2(Math.max(...info.tiles[0]!.scaleFactors));
  const urls: string[] = [];
  for (let level = 0; level <= maxLevel; level++) {
    const scale = 0.5 ** (maxLevel - level);
    const [lw, lh] = [Math.ceil(W * scale), Math.ceil(H * scale)];
    const span = Math.round(T / scale);
    for (let y = 0; y < Math.ceil(lh / T); y++)
      for (let x = 0; x < Math.ceil(lw / T); x++) {
        if (lw < T && lh < T) {
          urls.push(`full/${lw === W ? 'full' : `${lw},`}/0/default.jpg`);
          continue;
        }
        const [rx, ry] = [x * span, y * span];
        const [rw, rh] = [Math.min(span, W - rx), Math.min(span, H - ry)];
        const region = rx === 0 && ry === 0 && rw === W && rh === H ? 'full' : `${rx},${ry},${rw},${rh}`;
        const sw = Math.min(T, lw - x * T);
        urls.push(`${region}/${sw === W ? 'full' : `${sw},`}/0/default.jpg`);
      }
  }
  return urls;
}

describe('Image API 2.1 bundles', () => {
  it.each([
    [1000, 700],
    [10000, 7000],
    [512, 100],
    [200, 1000],
    [300, 200],
    [1, 2000],
    [257, 257],
  ])('%i×%i: a level-0 info.json, and every URL OpenSeadragon and Mirador ask for exists', (width, height) => {
    const p = image('img', width, height);
    const files = bundleJsonFiles([p], [], BASE, 'C', '2');
    const info = files.find((f) => f.path === 'img/info.json')!.json as Info2;
    expect(info['@context']).toBe('http://iiif.io/api/image/2/context.json');
    expect(info['@id']).toBe(`${BASE}/img`);
    expect(info.protocol).toBe('http://iiif.io/api/image');
    expect([info.width, info.height]).toEqual([width, height]);
    expect(info.profile[0]).toBe('http://iiif.io/api/image/2/level0.json');
    expect(info.profile[1].formats).toEqual(['jpg']);
    for (const s of info.sizes) expect(Number.isInteger(s.width) && Number.isInteger(s.height)).toBe(true);
    expect(info.tiles[0]!.scaleFactors).toEqual(scaleFactors(p, 256));

    const names = exportNames(p, '2');
    const exported = new Set(storedPaths(p).flatMap((path) => names(path)));
    // Canonical 2.1 URLs: each declared size as `w,`, `full/full` when nothing caps the image.
    const declared = info.sizes.map((s) => `full/${s.width},/0/default.jpg`);
    if (!info.profile[1].maxWidth) declared.push('full/full/0/default.jpg');
    const requested = openSeadragonUrls(info);
    expect(requested.length).toBeGreaterThan(0);
    expect([...declared, ...requested].filter((u) => !exported.has(u))).toEqual([]);

    // The 2.1 manifest's painting and thumbnail URLs are stored files, so no client guesses a width.
    const manifest = files.find((f) => f.path === 'img/manifest.json')!.json as {
      '@context': string;
      thumbnail: { '@id': string };
      sequences: { canvases: { images: { resource: { '@id': string } }[] }[] }[];
    };
    expect(manifest['@context']).toBe('http://iiif.io/api/presentation/2/context.json');
    const urls = [manifest.thumbnail['@id'], manifest.sequences[0]!.canvases[0]!.images[0]!.resource['@id']];
    expect(urls.map((u) => u.slice(`${BASE}/img/`.length)).filter((u) => !exported.has(u))).toEqual([]);
  });

  it('2+3 writes both manifests: the version 3 one points to the 2.1 service and is schema-valid', () => {
    const files = bundleJsonFiles([image('a', 1000, 700), image('b', 400, 300)], [], BASE, 'C', '2+3');
    expect(files.map((f) => f.path).sort()).toEqual([
      'a/info.json',
      'a/manifest-v2.json',
      'a/manifest.json',
      'b/info.json',
      'b/manifest-v2.json',
      'b/manifest.json',
      'collection-v2.json',
      'collection.json',
      'index.json',
    ]);
    const v3 = files.find((f) => f.path === 'a/manifest.json')!.json;
    expect(JSON.stringify(v3)).not.toContain('ImageService3');
    expect(JSON.stringify(v3)).toContain('"@type":"ImageService2"');
    const errors = presentationSchemaErrors(v3);
    if (errors) expect(errors).toEqual([]);
    const collection2 = files.find((f) => f.path === 'collection-v2.json')!.json as { manifests: { '@id': string }[] };
    expect(collection2.manifests.map((m) => m['@id'])).toEqual([
      `${BASE}/a/manifest-v2.json`,
      `${BASE}/b/manifest-v2.json`,
    ]);
  });

  it('Image API 3 exports keep every stored path as it is', () => {
    const p = image('img', 1000, 700);
    const names = exportNames(p, '3');
    expect(storedPaths(p).flatMap((path) => names(path))).toEqual(storedPaths(p));
  });
});

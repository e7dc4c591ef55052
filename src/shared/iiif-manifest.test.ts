import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { emptyDescriptive, type Descriptive } from './descriptive';
import {
  PRESENTATION_CONTEXT,
  buildCollection,
  buildManifest,
  manifestUrl,
  thumbnailSize,
  type StoredImage,
} from './iiif-manifest';
import { BASE, JPG_256, SERVICE_1000 } from './iiif-test-values';
import { publications } from './publication';
import type { TileSettings } from './settings';

function stored(
  width: number,
  height: number,
  descriptive: Descriptive = emptyDescriptive('Plain'),
  id = 'abc',
  settings: TileSettings = JPG_256,
): StoredImage {
  return { id, width, height, settings, descriptive };
}

const FULL: Descriptive = {
  label: 'Starry Night',
  summary: 'A painting <b>with</b> stars',
  rights: 'http://creativecommons.org/licenses/by/4.0/',
  requiredStatement: { label: 'Attribution', value: 'Some Museum' },
  metadata: [
    { label: 'Date', value: '1889' },
    { label: 'Artist', value: 'Vincent van Gogh' },
  ],
};

/** The 250×175 thumbnail of the 1000×700 image `abc`, with its service: the manifest's, its canvas's and the collection's. */
const THUMBNAIL_1000 = [
  {
    id: 'https://example.org/iiif/abc/full/250,175/0/default.jpg',
    type: 'Image',
    format: 'image/jpeg',
    width: 250,
    height: 175,
    service: [SERVICE_1000],
  },
];

describe('buildManifest', () => {
  it('is exact for a 1000×700 image without optional fields', () => {
    expect(buildManifest(stored(1000, 700), BASE)).toStrictEqual({
      '@context': 'http://iiif.io/api/presentation/3/context.json',
      id: 'https://example.org/iiif/abc/manifest.json',
      type: 'Manifest',
      label: { none: ['Plain'] },
      thumbnail: THUMBNAIL_1000,
      items: [
        {
          id: 'https://example.org/iiif/abc/canvas/1',
          type: 'Canvas',
          label: { none: ['Plain'] },
          width: 1000,
          height: 700,
          thumbnail: THUMBNAIL_1000,
          items: [
            {
              id: 'https://example.org/iiif/abc/canvas/1/page',
              type: 'AnnotationPage',
              items: [
                {
                  id: 'https://example.org/iiif/abc/canvas/1/page/painting',
                  type: 'Annotation',
                  motivation: 'painting',
                  target: 'https://example.org/iiif/abc/canvas/1',
                  body: {
                    id: 'https://example.org/iiif/abc/full/max/0/default.jpg',
                    type: 'Image',
                    format: 'image/jpeg',
                    width: 1000,
                    height: 700,
                    service: [SERVICE_1000],
                  },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('has no summary, metadata, rights or requiredStatement keys when unset', () => {
    const keys = Object.keys(buildManifest(stored(1000, 700), BASE));
    expect(keys.sort()).toEqual(['@context', 'id', 'items', 'label', 'thumbnail', 'type']);
  });

  it('writes the descriptive fields as language maps when set', () => {
    const m = buildManifest(stored(1000, 700, FULL), BASE);
    expect(m.label).toEqual({ none: ['Starry Night'] });
    expect(m.summary).toEqual({ none: ['A painting <b>with</b> stars'] });
    expect(m.rights).toBe('http://creativecommons.org/licenses/by/4.0/');
    expect(m.requiredStatement).toEqual({ label: { none: ['Attribution'] }, value: { none: ['Some Museum'] } });
    expect(m.metadata).toEqual([
      { label: { none: ['Date'] }, value: { none: ['1889'] } },
      { label: { none: ['Artist'] }, value: { none: ['Vincent van Gogh'] } },
    ]);
  });

  it("lists what the file said about itself after the person's metadata, and alone when there is none", () => {
    const source = [{ label: 'Resolution (capture)', value: '300 dpi' }];
    const both = buildManifest({ ...stored(1000, 700, FULL), sourceMetadata: source }, BASE);
    expect(both.metadata?.map((m) => m.label.none[0])).toEqual(['Date', 'Artist', 'Resolution (capture)']);
    const alone = buildManifest({ ...stored(1000, 700), sourceMetadata: source }, BASE);
    expect(alone.metadata).toEqual([{ label: { none: ['Resolution (capture)'] }, value: { none: ['300 dpi'] } }]);
  });

  it('paints full/max at the capped size on a canvas of the full size', () => {
    const m = buildManifest(stored(5312, 2988, emptyDescriptive('Big'), 'big'), BASE);
    const canvas = m.items[0]!;
    expect(canvas.width).toBe(5312);
    expect(canvas.height).toBe(2988);
    const body = canvas.items[0]!.items[0]!.body;
    expect(body.id).toBe('https://example.org/iiif/big/full/max/0/default.jpg');
    expect(body.width).toBe(2656);
    expect(body.height).toBe(1494);
    expect(body.service).toEqual([
      {
        id: 'https://example.org/iiif/big',
        type: 'ImageService3',
        profile: 'level0',
        width: 5312,
        height: 2988,
        sizes: [
          { width: 166, height: 94 },
          { width: 332, height: 187 },
          { width: 664, height: 374 },
          { width: 1328, height: 747 },
          { width: 2656, height: 1494 },
        ],
      },
    ]);
    // The smallest offered size with a long side of at least 200 px.
    expect(m.thumbnail[0]!.id).toBe('https://example.org/iiif/big/full/332,187/0/default.jpg');
    expect(m.thumbnail[0]!.width).toBe(332);
    expect(m.thumbnail[0]!.height).toBe(187);
  });

  it('gives a 1×1 image a 1×1 thumbnail', () => {
    const m = buildManifest(stored(1, 1, emptyDescriptive('Dot'), 'dot'), BASE);
    expect(m.thumbnail[0]!.id).toBe('https://example.org/iiif/dot/full/1,1/0/default.jpg');
    expect(m.items[0]!.items[0]!.items[0]!.body.width).toBe(1);
  });
});

describe('thumbnailSize and manifestUrl', () => {
  it('picks the smallest size with a long side of at least 200, else the largest', () => {
    expect(
      thumbnailSize([
        { width: 100, height: 50 },
        { width: 199, height: 199 },
        { width: 150, height: 200 },
        { width: 400, height: 300 },
      ]),
    ).toEqual({ width: 150, height: 200 });
    expect(
      thumbnailSize([
        { width: 50, height: 20 },
        { width: 100, height: 40 },
      ]),
    ).toEqual({ width: 100, height: 40 });
    expect(() => thumbnailSize([])).toThrow(RangeError);
  });

  it('manifestUrl is base/id/manifest.json', () => {
    expect(manifestUrl(BASE, 'abc')).toBe('https://example.org/iiif/abc/manifest.json');
    expect(PRESENTATION_CONTEXT).toBe('http://iiif.io/api/presentation/3/context.json');
  });
});

describe('buildCollection', () => {
  it('lists each manifest with its label and thumbnail', () => {
    const images = [stored(1000, 700, FULL, 'abc'), stored(1, 20000, emptyDescriptive('Tall'), 'tall')];
    expect(buildCollection(publications(images, []), BASE, 'My images')).toStrictEqual({
      '@context': 'http://iiif.io/api/presentation/3/context.json',
      id: 'https://example.org/iiif/collection.json',
      type: 'Collection',
      label: { none: ['My images'] },
      items: [
        {
          id: 'https://example.org/iiif/abc/manifest.json',
          type: 'Manifest',
          label: { none: ['Starry Night'] },
          thumbnail: THUMBNAIL_1000,
        },
        {
          id: 'https://example.org/iiif/tall/manifest.json',
          type: 'Manifest',
          label: { none: ['Tall'] },
          thumbnail: [
            {
              id: 'https://example.org/iiif/tall/full/1,313/0/default.jpg',
              type: 'Image',
              format: 'image/jpeg',
              width: 1,
              height: 313,
              service: [
                {
                  id: 'https://example.org/iiif/tall',
                  type: 'ImageService3',
                  profile: 'level0',
                  width: 1,
                  height: 20000,
                  sizes: [
                    { width: 1, height: 157 },
                    { width: 1, height: 313 },
                    { width: 1, height: 625 },
                    { width: 1, height: 1250 },
                    { width: 1, height: 2500 },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });
});

describe('against the official Presentation 3 schema', () => {
  // The schema sits beside the checkout (../shared, not redistributed). Node's fs has no types in the DOM
  // project that type-checks src/shared, so Vite's glob loads it: an empty result means the file is absent.
  const found = import.meta.glob<string>('../../../shared/iiif-schema/iiif_3_0.json', {
    eager: true,
    query: '?raw',
    import: 'default',
  });
  const schemaText = Object.values(found)[0];
  const hasSchema = schemaText !== undefined;

  let validate: ((doc: unknown) => string[]) | undefined;
  function schemaErrors(doc: unknown): string[] {
    if (!validate) {
      const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
      const check = ajv.compile(JSON.parse(schemaText!) as object);
      validate = (d) => (check(d) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
    }
    return validate(doc);
  }

  it.runIf(hasSchema)('accepts a minimal manifest', () => {
    expect(schemaErrors(buildManifest(stored(1000, 700), BASE))).toEqual([]);
  });

  it.runIf(hasSchema)('accepts a manifest with every descriptive field', () => {
    expect(schemaErrors(buildManifest(stored(1000, 700, FULL), BASE))).toEqual([]);
  });

  it.runIf(hasSchema)('accepts manifests of capped, tiny and webp images', () => {
    expect(schemaErrors(buildManifest(stored(5312, 2988, FULL, 'big'), BASE))).toEqual([]);
    expect(schemaErrors(buildManifest(stored(20000, 1, FULL, 'wide'), BASE))).toEqual([]);
    expect(schemaErrors(buildManifest(stored(1, 1, FULL, 'dot'), BASE))).toEqual([]);
    const webp = { ...JPG_256, format: 'webp' as const, tileSize: 512 as const };
    expect(schemaErrors(buildManifest(stored(1000, 700, FULL, 'w', webp), BASE))).toEqual([]);
  });

  it.runIf(hasSchema)('accepts rightsstatements.org and publicdomain rights', () => {
    for (const rights of [
      'http://rightsstatements.org/vocab/InC/1.0/',
      'http://creativecommons.org/publicdomain/zero/1.0/',
    ]) {
      expect(schemaErrors(buildManifest(stored(1000, 700, { ...FULL, rights }), BASE))).toEqual([]);
    }
  });

  it.runIf(hasSchema)('accepts a collection', () => {
    const images = [stored(1000, 700, FULL, 'abc'), stored(5312, 2988, emptyDescriptive('Big'), 'big')];
    expect(schemaErrors(buildCollection(publications(images, []), BASE, 'My images'))).toEqual([]);
  });

  it.runIf(hasSchema)('rejects a manifest with rights outside both vocabularies', () => {
    const bad = buildManifest(stored(1000, 700, { ...FULL, rights: 'https://example.com/x' }), BASE);
    expect(schemaErrors(bad)).not.toEqual([]);
  });

  it.runIf(hasSchema)('rejects the https form of a Creative Commons URI (why normaliseRights rewrites it)', () => {
    const bad = buildManifest(
      stored(1000, 700, { ...FULL, rights: 'https://creativecommons.org/licenses/by/4.0/' }),
      BASE,
    );
    expect(schemaErrors(bad)).not.toEqual([]);
  });

  it.runIf(hasSchema)('rejects a manifest without items', () => {
    const { items: _items, ...bad } = buildManifest(stored(1000, 700), BASE);
    expect(_items).toHaveLength(1);
    expect(schemaErrors(bad)).not.toEqual([]);
  });

  it.runIf(hasSchema)('rejects a manifest with a relative id', () => {
    expect(schemaErrors(buildManifest(stored(1000, 700), ''))).not.toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { bundleJsonFiles, serialiseJson } from './bundle-json';
import { emptyDescriptive } from './descriptive';
import type { StoredImage } from './iiif-manifest';

const BASE = 'https://example.org/iiif';

function stored(id: string, width: number, height: number, label: string): StoredImage {
  return {
    id,
    width,
    height,
    settings: { tileSize: 256, quality: 85, format: 'jpg', maxSide: 4096 },
    descriptive: emptyDescriptive(label),
  };
}

interface Doc {
  id: string;
  type: string;
  width?: number;
  height?: number;
  items?: { id: string }[];
}

describe('bundleJsonFiles', () => {
  it('writes nothing for no image', () => {
    expect(bundleJsonFiles([], [], BASE, 'Empty')).toEqual([]);
  });

  it('writes info.json, manifest.json and the search index, no collection, for one image', () => {
    const files = bundleJsonFiles([stored('abc', 1000, 700, 'A')], [], BASE, 'Collection');
    expect(files.map((f) => f.path)).toEqual(['abc/info.json', 'abc/manifest.json', 'index.json']);
    const [info, manifest] = files.map((f) => f.json as Doc);
    expect(info!.id).toBe('https://example.org/iiif/abc');
    expect(info!.type).toBe('ImageService3');
    expect(info!.width).toBe(1000);
    expect(info!.height).toBe(700);
    expect(manifest!.id).toBe('https://example.org/iiif/abc/manifest.json');
    expect(manifest!.type).toBe('Manifest');
  });

  it('adds collection.json for two images, before the search index', () => {
    const files = bundleJsonFiles([stored('abc', 1000, 700, 'A'), stored('def', 300, 200, 'B')], [], BASE, 'Mine');
    expect(files.map((f) => f.path)).toEqual([
      'abc/info.json',
      'abc/manifest.json',
      'def/info.json',
      'def/manifest.json',
      'collection.json',
      'index.json',
    ]);
    const collection = files[4]!.json as Doc & { label: unknown };
    expect(collection.id).toBe('https://example.org/iiif/collection.json');
    expect(collection.type).toBe('Collection');
    expect(collection.label).toEqual({ none: ['Mine'] });
    expect(collection.items!.map((i) => i.id)).toEqual([
      'https://example.org/iiif/abc/manifest.json',
      'https://example.org/iiif/def/manifest.json',
    ]);
    expect((files[2]!.json as Doc).id).toBe('https://example.org/iiif/def');
  });
});

describe('serialiseJson', () => {
  it('indents by two spaces and ends with a newline', () => {
    expect(serialiseJson({ a: 1, b: [2, 'x'] })).toBe('{\n  "a": 1,\n  "b": [\n    2,\n    "x"\n  ]\n}\n');
    expect(serialiseJson({})).toBe('{}\n');
    expect(serialiseJson('</script>')).toBe('"</script>"\n');
  });
});

describe('unsafe ids', () => {
  it('stop the export before any path is made', () => {
    const bad = stored('../escape', 10, 10, 'Bad');
    expect(() => bundleJsonFiles([stored('ok', 10, 10, 'Ok'), bad], [], BASE, 'C')).toThrow(/unsafe id “..\/escape”/);
  });

  it('stop the export when an object and an image would share a folder', () => {
    const book = {
      id: 'ok',
      name: 'ok',
      descriptive: emptyDescriptive('Book'),
      behavior: 'paged' as const,
      viewingDirection: 'left-to-right' as const,
      canvases: ['page'],
    };
    expect(() => bundleJsonFiles([stored('ok', 10, 10, 'Ok'), stored('page', 10, 10, 'P')], [book], BASE, 'C')).toThrow(
      /two folders named “ok”/,
    );
  });
});

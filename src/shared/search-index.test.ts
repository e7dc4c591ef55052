import { describe, expect, it } from 'vitest';
import { emptyDescriptive } from './descriptive';
import { publications } from './publication';
import { buildSearchIndex } from './search-index';

describe('buildSearchIndex', () => {
  it('lists every image once with its label, metadata and URLs for the base URL', () => {
    const settings = { tileSize: 256 as const, quality: 85, format: 'jpg' as const, maxSide: 4096 };
    const a = {
      id: 'storm',
      width: 1000,
      height: 700,
      settings,
      descriptive: {
        ...emptyDescriptive('Storm'),
        summary: 'Clouds',
        navDate: '1889-06-18T00:00:00Z',
        metadata: [{ label: 'Medium', value: 'Oil' }],
      },
    };
    const b = { id: 'dot', width: 1, height: 1, settings, descriptive: emptyDescriptive('Dot') };
    expect(buildSearchIndex(publications([a, b], []), 'https://example.org/iiif')).toEqual([
      {
        id: 'storm',
        label: 'Storm',
        summary: 'Clouds',
        date: '1889-06-18T00:00:00Z',
        metadata: [{ label: 'Medium', value: 'Oil' }],
        manifest: 'https://example.org/iiif/storm/manifest.json',
        infoJson: 'https://example.org/iiif/storm/info.json',
        thumbnail: 'https://example.org/iiif/storm/full/250,175/0/default.jpg',
      },
      {
        id: 'dot',
        label: 'Dot',
        summary: '',
        metadata: [],
        manifest: 'https://example.org/iiif/dot/manifest.json',
        infoJson: 'https://example.org/iiif/dot/info.json',
        thumbnail: 'https://example.org/iiif/dot/full/1,1/0/default.jpg',
      },
    ]);
  });
});

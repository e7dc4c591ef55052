import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { CORPUS_DIR, corpusEntries, hasCorpus, uprightSize } from './corpus';
import { opjReference } from './jp2-fixtures';
import { meanDifference } from './pixels';
import { tileBytes } from './tile-bytes';

describe.runIf(hasCorpus)('engine over the shared corpus (Node)', () => {
  const entries = hasCorpus ? corpusEntries() : [];
  it.each(entries.map((e) => [e.path, e] as const))(
    "%s ends done at its upright size (JPEG 2000 with opj_decompress' pixels)",
    async (_, e) => {
      const bytes = readFileSync(resolve(CORPUS_DIR, e.path));
      const { outcome, sink } = await tileBytes(bytes, { ...DEFAULT_SETTINGS, quality: 95 });
      expect([outcome.width, outcome.height]).toEqual(uprightSize(e));
      const full = sink.files.get('full/max/0/default.jpg');
      expect(full).toBeDefined();
      if (/J2C|JP2/.test(e.format)) {
        const reference = await opjReference(bytes, e.format.startsWith('J2C') ? 'j2k' : 'jp2');
        expect(await meanDifference(full!, reference)).toBeLessThanOrEqual(2);
      }
    },
  );
});

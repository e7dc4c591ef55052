import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TileError } from '../src/shared/tile-error';
import { CORPUS_DIR, corpusEntries, hasCorpus, uprightSize } from './corpus';
import { tileBytes } from './tile-bytes';

describe.runIf(hasCorpus)('engine over the shared corpus (Node)', () => {
  const entries = hasCorpus ? corpusEntries() : [];
  it.each(entries.map((e) => [e.path, e] as const))(
    '%s ends done at its upright size or with a named failure',
    async (_, e) => {
      const bytes = readFileSync(resolve(CORPUS_DIR, e.path));
      try {
        const { outcome, sink } = await tileBytes(bytes);
        expect([outcome.width, outcome.height]).toEqual(uprightSize(e));
        expect(sink.files.has('full/max/0/default.jpg')).toBe(true);
      } catch (error) {
        expect(error).toBeInstanceOf(TileError);
        expect(e.format).toMatch(/J2C|JP2/);
        expect((error as TileError).message).toMatch(/JPEG 2000/);
      }
    },
  );
});

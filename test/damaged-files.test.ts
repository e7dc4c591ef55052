import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_POLICY } from '../src/shared/input-policy';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { damagedFiles } from './damaged-fixtures';
import { tileBytes } from './tile-bytes';

describe('damaged files are never tiled silently', () => {
  it('each fails by default with its named reason', async () => {
    for (const f of await damagedFiles()) {
      const failure = await tileBytes(new Uint8Array(f.bytes)).then(
        () => 'tiled',
        (error: unknown) => (error as Error).message,
      );
      expect(failure, f.name).toMatch(f.reason);
    }
  });

  it('with "Accept damaged files" each tiles, marked damaged, the reason in its notes and metadata', async () => {
    const policy = { ...DEFAULT_INPUT_POLICY, allowDamaged: true };
    for (const f of await damagedFiles()) {
      const { outcome, sink } = await tileBytes(new Uint8Array(f.bytes), DEFAULT_SETTINGS, policy);
      expect(outcome.damaged, f.name).toBe(true);
      expect(outcome.warnings[0], f.name).toMatch(/^damaged file tiled anyway \(/);
      const warning = outcome.metadata.find((m) => m.label === 'Damaged file');
      expect(warning?.value, f.name).toMatch(f.reason);
      expect(sink.files.has('full/800,600/0/default.jpg'), f.name).toBe(true);
    }
  });

  it('a whole JPEG and PNG of the same picture still tile, undamaged', async () => {
    const picture = sharp({ create: { width: 300, height: 200, channels: 3, background: '#369' } });
    for (const bytes of [await picture.clone().jpeg().toBuffer(), await picture.clone().png().toBuffer()]) {
      const { outcome } = await tileBytes(new Uint8Array(bytes));
      expect(outcome.damaged).toBe(false);
      expect(outcome.metadata).toEqual([]);
    }
  });
});

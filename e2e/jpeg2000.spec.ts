import { expect, test } from '@playwright/test';
import { imageBundleProblems, readJson, type Bundle } from '../test/bundle-checks';
import { netpbm, opjCompress, opjReference, pattern } from '../test/jp2-fixtures';
import { browserJp2Kinds, type Jp2Kind } from '../test/jp2-kinds';
import { meanDifference } from '../test/pixels';
import { addFiles, exportBundle, openApp, waitSettled, type JobOutcome } from './app';

const BASE = 'https://iiif.example.net/jp2';

// JPEG 2000 decoded in the tiling worker (pdf.js' OpenJPEG wasm), compared with Debian's opj_decompress.
test.describe('JPEG 2000 through the app', () => {
  test.setTimeout(300_000);
  let kinds: Jp2Kind[];
  let outcomes: JobOutcome[];
  let bundle: Bundle;

  test.beforeAll(async ({ browser }) => {
    kinds = browserJp2Kinds();
    const whole = opjCompress(netpbm('e2e-cut', 512, 512, 3, 8, pattern(512, 512, 3)), 'e2e-cut.jp2', [
      '-t',
      '128,128',
    ]);
    const page = await browser.newPage();
    // Quality 95: what is compared is the decoding, not JPEG's own loss on a pattern of hard edges.
    await page.addInitScript(() => localStorage.setItem('vitrine.settings', '{"quality":95}'));
    await openApp(page);
    const files = [
      ...kinds.map((k) => ({ name: k.name, mimeType: 'image/jp2', buffer: Buffer.from(k.bytes) })),
      { name: 'truncated.jp2', mimeType: 'image/jp2', buffer: Buffer.from(whole.subarray(0, whole.length >> 1)) },
    ];
    await addFiles(page, files);
    outcomes = await waitSettled(page, files.length);
    bundle = await exportBundle(page, `${BASE}/`);
    await page.close();
  });

  test('each kind tiles, and its pixels are what opj_decompress decodes', async () => {
    for (const kind of kinds) {
      const o = outcomes.find((x) => x.name === kind.name)!;
      expect(o.state, `${kind.name}: ${o.error}`).toBe('done');
      expect(await imageBundleProblems(bundle, o.id, BASE, { width: 640, height: 480 }), kind.name).toEqual([]);
      const full = bundle.get(`${o.id}/full/max/0/default.jpg`)!;
      expect(await meanDifference(full, await opjReference(kind.bytes, kind.extension)), kind.name).toBeLessThanOrEqual(
        2,
      );
    }
  });

  test("the res box's capture resolution is in the manifest's metadata", () => {
    const o = outcomes.find((x) => x.name === 'sycc.jp2')!;
    const manifest = readJson<{ metadata?: { label: { none: string[] }; value: { none: string[] } }[] }>(
      bundle,
      `${o.id}/manifest.json`,
    );
    expect(manifest.metadata).toEqual([{ label: { none: ['Resolution (capture)'] }, value: { none: ['300 dpi'] } }]);
  });

  test('a truncated JPEG 2000 fails by name and leaves no files', () => {
    const o = outcomes.find((x) => x.name === 'truncated.jp2')!;
    expect(o.state).toBe('failed');
    expect(o.error).toMatch(/Truncated JPEG 2000/);
    expect([...bundle.keys()].some((k) => k.startsWith(`${o.id}/`))).toBe(false);
  });
});

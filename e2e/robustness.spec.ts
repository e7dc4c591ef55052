import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { makeHostileSet, seededRandom } from '../scripts/make-hostile-set.mjs';
import { imageBundleProblems } from '../test/bundle-checks';
import { dropFiles, exportBundle, openApp, waitSettled, openAdvanced } from './app';

const BASE = 'https://example.org/iiif';
const pick = async (names: string[]) => (await makeHostileSet()).filter((f) => names.includes(f.name));

test('with "tile damaged files" on, a truncated JPEG is tiled and marked damaged', async ({ page }) => {
  await openApp(page);
  await openAdvanced(page);
  await page.getByTestId('allow-damaged').check();
  const files = await pick(['truncated-50.jpeg', 'truncated-50.tiff', 'good.png']);
  await dropFiles(page, files);
  const outcomes = await waitSettled(page, 3);
  const [jpeg, tiff, good] = ['truncated-50.jpeg', 'truncated-50.tiff', 'good.png'].map((n) =>
    outcomes.find((o) => o.name === n),
  );
  expect(jpeg!.state).toBe('done');
  await expect(page.locator(`[data-testid=job][data-image-id="${jpeg!.id}"] [data-testid=job-warning]`)).toHaveText(
    /^Damaged file, tiled anyway: Truncated JPEG/,
  );
  // Damage libvips cannot read past still fails, with its reason.
  expect(tiff!.state).toBe('failed');
  expect(tiff!.error).toMatch(/^Corrupt TIFF data/);
  expect(good!.state).toBe('done');
  await expect(page.locator(`[data-testid=job][data-image-id="${good!.id}"] [data-testid=job-warning]`)).toHaveCount(0);
  const bundle = await exportBundle(page, BASE);
  expect(await imageBundleProblems(bundle, jpeg!.id, BASE)).toEqual([]);
});

test('a decoder without progress is stopped by the watchdog; the next image gets a fresh worker', async ({ page }) => {
  await openApp(page);
  await openAdvanced(page);
  await page.getByTestId('stall-seconds').fill('1');
  await page.getByTestId('stall-seconds').dispatchEvent('change');
  // An interlaced PNG must be decoded whole before its first strip: far longer than one second here.
  const slow = await sharp({ create: { width: 12000, height: 12000, channels: 3, background: '#4a7' } })
    .png({ progressive: true, compressionLevel: 1 })
    .toBuffer();
  const quick = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#a47' } })
    .png()
    .toBuffer();
  await dropFiles(page, [
    { name: 'slow-interlaced.png', bytes: slow },
    { name: 'quick.png', bytes: quick },
  ]);
  const [stalled, next] = await waitSettled(page, 2, 120_000);
  expect(stalled!.state).toBe('failed');
  expect(stalled!.error).toBe('Stopped: the decoder made no progress for 1 s');
  expect(next!.state).toBe('done');
});

test('the Content-Security-Policy blocks inline script and the app runs under it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await openApp(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("connect-src 'self'");
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.body.append(script);
    return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
  });
  expect(ran).toBe(false);
  expect(violations.length).toBe(1);
  violations.length = 0;

  await dropFiles(page, await pick(['good.jpg']));
  const [job] = await waitSettled(page, 1);
  await page.locator(`[data-testid=job][data-image-id="${job!.id}"] [data-testid=view-image]`).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-tiles-loaded', /[1-9]/);
  await page.getByTestId('close-viewer').click();
  await exportBundle(page, BASE);
  expect(violations).toEqual([]);
});

test('bounded fuzz: flipped and truncated bytes of real images end done or with a named failure', async ({ page }) => {
  test.setTimeout(600_000);
  const random = seededRandom(7);
  const sources = (await makeHostileSet()).filter((f) => f.name.startsWith('good.') || f.name.startsWith('really-a-'));
  const cases: { name: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < 48; i++) {
    const source = sources[i % sources.length]!;
    // A third are also cut short; the rest keep their length, so decoders meet corrupt data, not an early end.
    const keep = i % 3 === 0 ? 0.3 + 0.7 * random() : 1;
    const bytes = source.bytes.slice(0, Math.max(16, Math.floor(source.bytes.length * keep)));
    const flips = 1 + Math.floor(random() * 24);
    // Flips spare the first 8 bytes half the time, so the decoders (not only sniffing) see damage.
    const from = i % 2 ? 8 : 0;
    for (let f = 0; f < flips; f++)
      bytes[from + Math.floor(random() * (bytes.length - from))]! ^= 1 << Math.floor(random() * 8);
    cases.push({ name: `fuzz-${i}-${source.name}`, bytes });
  }
  await openApp(page);
  await dropFiles(page, cases);
  // Zero hangs: the batch settles within a bounded time; zero crashes: the page still answers.
  const outcomes = await waitSettled(page, cases.length, cases.length * 10_000);
  const named =
    /^(Not an image: |Unsupported format: |Truncated |Corrupt |Damaged |Cannot decode this |Refused before decoding: |The image engine crashed )/;
  const unexplained = outcomes.filter(
    (o) => o.state !== 'done' && !(o.state === 'failed' && named.test(o.error ?? '')),
  );
  expect(unexplained).toEqual([]);
  expect(await page.evaluate(() => document.readyState)).toBe('complete');
  const kinds = new Map<string, number>();
  for (const o of outcomes) {
    const kind = o.state === 'done' ? 'done' : (o.error ?? '').split(':')[0]!;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  console.log('fuzz outcomes:', JSON.stringify(Object.fromEntries(kinds)));
});

import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { asymmetric } from '../test/fixtures';
import { meanDifference } from '../test/pixels';
import { addFiles, openAdvanced, openApp, waitSettled } from './app';

const noise = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  });

test('Preview while tiling: the browser decodes the file upright at once, then the stored tiles take over', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  await openAdvanced(page);
  await page.getByTestId('workers').fill('1');
  await page.getByTestId('workers').dispatchEvent('change');
  // A large first image keeps the one worker busy, so the next ones are still queued when previewed.
  const busy = { name: 'busy.jpg', mimeType: 'image/jpeg', buffer: await noise(7000, 5000).jpeg().toBuffer() };
  const upright = await (await asymmetric(3000, 5000)).png().toBuffer();
  const turned = await sharp(upright).rotate(270).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
  const tiff = await (await asymmetric(2000, 1500)).tiff({ tile: true }).toBuffer();
  await addFiles(page, [
    busy,
    { name: 'scan.tif', mimeType: 'image/tiff', buffer: tiff },
    { name: 'turned.jpg', mimeType: 'image/jpeg', buffer: turned },
  ]);
  const viewer = page.getByTestId('viewer');
  // The browser is not trusted with TIFF: the viewer says so until there are tiles.
  const tiffRow = page.locator('[data-testid=job][data-name="scan.tif"]');
  await expect(tiffRow).toHaveAttribute('data-state', 'queued');
  await tiffRow.getByTestId('preview-image').click();
  await expect(viewer).toHaveAttribute('data-preview', 'none');
  await expect(viewer.locator('.viewer-message')).toContainText('No quick preview for this file');
  await page.getByTestId('close-viewer').click();

  const row = page.locator('[data-testid=job][data-name="turned.jpg"]');
  await expect(row).toHaveAttribute('data-state', 'queued');
  await row.getByTestId('preview-image').click();
  await expect(viewer).toHaveAttribute('data-preview', 'quick');
  await expect(viewer).not.toHaveAttribute('data-tiles-loaded', '0');
  // Upright (EXIF 6 applied) and 2048 px on its long side; its pixels are the picture's.
  expect(await viewer.getAttribute('data-preview-size')).toBe('1229x2048');
  const url = (await viewer.getAttribute('data-preview-url'))!;
  // Drawn as the viewer draws it (a fetch of a blob: URL fails in this headless Chromium).
  const png = await page.evaluate(async (u) => {
    const image = new Image();
    image.src = u;
    await image.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
    canvas.getContext('2d')!.drawImage(image, 0, 0);
    return canvas.toDataURL('image/png').split(',')[1]!;
  }, url);
  expect(await meanDifference(Buffer.from(png, 'base64'), upright)).toBeLessThan(3);
  await expect(page.getByTestId('viewer-scale')).toContainText('Quick preview, 1229 × 2048 px');
  // Once its tiles are stored, the open viewer shows them instead.
  await expect(viewer).toHaveAttribute('data-preview', 'tiles', { timeout: 60_000 });
  await expect(viewer).not.toHaveAttribute('data-tiles-loaded', '0');
  await expect(viewer).toHaveAttribute('data-tiles-failed', '0');
  await expect(viewer).not.toHaveAttribute('data-preview-url', /./);
  await page.getByTestId('close-viewer').click();

  await waitSettled(page, 3);
});

// The browser's own codecs, measured in a worker in Chromium and Firefox ESR: decode (createImageBitmap,
// colour conversion off) and JPEG encode (OffscreenCanvas.convertToBlob) of 256-px tiles, their cost, and
// their fidelity (PSNR, channel means, chroma subsampling) against the source pixels and libvips at Q85.
// Usage: node scripts/browser-codecs.mjs   (a measurement for docs/performance.md, not a test)
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import sharp from 'sharp';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const PORT = 4393;
const TILES = 330;
const QUALITIES = [0.8, 0.85, 0.9, 0.92];

const noise = (w, h) =>
  sharp({ create: { width: w, height: h, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).blur(1.2);
const photo = await (await noise(5472, 3648)).jpeg({ quality: 90 }).toBuffer();
const scan = await (await noise(4000, 3000)).png({ compressionLevel: 6 }).toBuffer();
const source = await sharp(photo).raw().toBuffer({ resolveWithObject: true });

/** Runs in the worker: decode both files, then encode the photo's first TILES tiles at each quality. */
const WORKER = `
self.onmessage = async ({ data: { qualities, tiles } }) => {
  const result = { decode: {}, encode: [] };
  let photo;
  for (const name of ['photo.jpg', 'scan.png']) {
    const blob = await (await fetch(name)).blob();
    const t0 = performance.now();
    const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    const t1 = performance.now();
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(bitmap, 0, 0);
    const image = context.getImageData(0, 0, bitmap.width, bitmap.height);
    result.decode[name] = { decodeMs: t1 - t0, readMs: performance.now() - t1, width: bitmap.width, height: bitmap.height };
    if (name === 'photo.jpg') photo = image;
  }
  const across = Math.floor(photo.width / 256);
  const tile = (i) => {
    const x = (i % across) * 256, y = Math.floor(i / across) * 256;
    const data = new Uint8ClampedArray(256 * 256 * 4);
    for (let r = 0; r < 256; r++) data.set(photo.data.subarray(((y + r) * photo.width + x) * 4, ((y + r) * photo.width + x + 256) * 4), r * 1024);
    return new ImageData(data, 256, 256);
  };
  const pieces = Array.from({ length: tiles }, (_, i) => tile(i));
  const encode = (image, quality) => {
    const canvas = new OffscreenCanvas(256, 256);
    canvas.getContext('2d').putImageData(image, 0, 0);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  };
  for (const quality of qualities) {
    let t = performance.now();
    let bytes = 0;
    for (const p of pieces) bytes += (await encode(p, quality)).size;
    const oneByOneMs = performance.now() - t;
    t = performance.now();
    const blobs = await Promise.all(pieces.map((p) => encode(p, quality)));
    const inFlightMs = performance.now() - t;
    const sample = new Uint8Array(await blobs[0].arrayBuffer());
    result.encode.push({ quality, oneByOneMs, inFlightMs, bytesPerTile: bytes / tiles, sample: Array.from(sample) });
  }
  self.postMessage(result);
};`;

const server = createServer((request, response) => {
  const files = {
    '/': ['text/html', '<!doctype html><title>codecs</title>'],
    '/worker.js': ['text/javascript', WORKER],
    '/photo.jpg': ['image/jpeg', photo],
    '/scan.png': ['image/png', scan],
  };
  const file = files[request.url ?? '/'];
  if (!file) return void response.writeHead(404).end();
  response.writeHead(200, { 'Content-Type': file[0] });
  response.end(file[1]);
});
await new Promise((done) => server.listen(PORT, '127.0.0.1', done));

// Runs in the page, where `Worker` exists.
/* eslint-disable no-undef */
const inWorker = ({ qualities, tiles }) =>
  new Promise((done, fail) => {
    const worker = new Worker('worker.js');
    worker.onmessage = (e) => done(e.data);
    worker.onerror = (e) => fail(new Error(e.message));
    worker.postMessage({ qualities, tiles });
  });
/* eslint-enable no-undef */

/** PSNR and per-channel mean difference of a 256-px JPEG against the source's first tile. */
async function fidelity(jpeg) {
  const { data } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let squared = 0;
  const means = [0, 0, 0];
  for (let r = 0; r < 256; r++)
    for (let c = 0; c < 256; c++)
      for (let b = 0; b < 3; b++) {
        const d = data[(r * 256 + c) * 3 + b] - source.data[(r * source.info.width + c) * 3 + b];
        squared += d * d;
        means[b] += d / 65536;
      }
  const psnr = 10 * Math.log10((255 * 255) / (squared / (256 * 256 * 3)));
  const sampling = (() => {
    for (let i = 2; i + 11 < jpeg.length;) {
      const length = (jpeg[i + 2] << 8) | jpeg[i + 3];
      if (jpeg[i + 1] === 0xc0 || jpeg[i + 1] === 0xc2)
        return jpeg[i + 11] === 0x22 ? '4:2:0' : jpeg[i + 11] === 0x11 ? '4:4:4' : `0x${jpeg[i + 11].toString(16)}`;
      i += 2 + length;
    }
    return '?';
  })();
  return { psnr: +psnr.toFixed(2), meanShift: means.map((m) => +m.toFixed(2)), sampling };
}

const rows = [];
const vipsTile = await sharp(source.data, { raw: source.info })
  .extract({ left: 0, top: 0, width: 256, height: 256 })
  .jpeg({ quality: 85 })
  .toBuffer();
rows.push({
  browser: 'libvips Q85 (reference)',
  quality: 85,
  bytesPerTile: null,
  ...(await fidelity(vipsTile)),
  sampleBytes: vipsTile.length,
});

const browsers = [
  ['Chromium', async () => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })],
  [
    'Firefox ESR',
    async () => puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true }),
  ],
];
for (const [name, launch] of browsers) {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    const result = await page.evaluate(inWorker, { qualities: QUALITIES, tiles: TILES });
    for (const [file, d] of Object.entries(result.decode))
      console.log(
        `${name}: decode ${file} ${d.width}×${d.height}: ${d.decodeMs.toFixed(0)} ms + read back ${d.readMs.toFixed(0)} ms`,
      );
    for (const e of result.encode) {
      const sample = Uint8Array.from(e.sample);
      rows.push({
        browser: name,
        quality: e.quality,
        oneByOneMsPerTile: +(e.oneByOneMs / TILES).toFixed(2),
        [`${TILES}InFlightMs`]: Math.round(e.inFlightMs),
        bytesPerTile: Math.round(e.bytesPerTile),
        ...(await fidelity(sample)),
        sampleBytes: sample.length,
      });
    }
  } finally {
    await browser.close();
  }
}
console.table(rows);
server.close();

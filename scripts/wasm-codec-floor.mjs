// The least time any one-worker tiler built on this wasm-vips can take for an image: decode it once, then
// encode each pyramid level's pixels as one JPEG (no tiling, halving, colour or storage, all untimed or
// left out). Run in Node's V8, the engine Chromium also uses; the bench prints it beside native dzsave.
import { readFileSync } from 'node:fs';
import Vips from 'wasm-vips';

let vips;

/** Fastest of `runs` measurements (the first also compiles the codec's wasm): decode, encode and their sum, in ms. */
export async function wasmCodecFloor(file, { tileSize = 256, quality = 85, runs = 3 } = {}) {
  vips ??= await Vips();
  vips.Cache.max(0);
  vips.concurrency(1);
  const bytes = readFileSync(file);
  let best = null;
  for (let run = 0; run < runs; run++) {
    const measured = measureOnce(bytes, tileSize, quality);
    if (!best || measured.floorMs < best.floorMs) best = measured;
  }
  return best;
}

function measureOnce(bytes, tileSize, quality) {
  const started = performance.now();
  const decoded = vips.Image.newFromBuffer(bytes, '', { access: 'sequential' });
  const pixels = decoded.writeToMemory();
  const decodeMs = performance.now() - started;
  const level0 = vips.Image.newFromMemory(pixels, decoded.width, decoded.height, decoded.bands, decoded.format);
  let encodeMs = 0;
  for (let scale = 1; ; scale *= 2) {
    // Level pixels by shrinking, untimed: only the encode of each level counts towards the floor.
    const level = scale === 1 ? level0 : level0.shrink(scale, scale, { ceil: true }).copyMemory();
    const start = performance.now();
    level.jpegsaveBuffer({ Q: quality });
    encodeMs += performance.now() - start;
    const fits = level.width <= tileSize && level.height <= tileSize;
    if (level !== level0) level.delete();
    if (fits) break;
  }
  level0.delete();
  decoded.delete();
  return { decodeMs: Math.round(decodeMs), encodeMs: Math.round(encodeMs), floorMs: Math.round(decodeMs + encodeMs) };
}

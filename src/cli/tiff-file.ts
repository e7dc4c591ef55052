import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type Vips from 'wasm-vips';
import type { Size } from '../shared/pyramid';
import type { TileSettings } from '../shared/settings';
import { pyramidalTiff, tiffSlots } from '../shared/tiff-pyramid';
import { padTiles } from '../worker/engine/pad-tile';

/**
 * Writes an image's pyramidal TIFF from the tiles just written to its folder, under a temporary name
 * renamed when complete, so an interrupted run never leaves a TIFF that looks whole.
 */
export async function writeTiffFile(
  vips: typeof Vips,
  folder: string,
  image: Size,
  settings: TileSettings,
  path: string,
): Promise<number> {
  const { tileSize, quality } = settings;
  // In the order IndexedDB keeps them (code units), so the app and the CLI write the same bytes.
  const paths = [...tiffSlots(image, tileSize).keys()].sort();
  const source = {
    files: async function* () {
      for (const p of paths) yield { path: p, data: new Uint8Array(await readFile(join(folder, p))) };
    },
    pad: async (jpegs: Uint8Array[]) => padTiles(vips, jpegs, tileSize, quality),
  };
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  let bytes = 0;
  try {
    const counted = async function* () {
      for await (const part of pyramidalTiff(image, tileSize, source)) {
        bytes += part.byteLength;
        yield part;
      }
    };
    await pipeline(counted, createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return bytes;
}

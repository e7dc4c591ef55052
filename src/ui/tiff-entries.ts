import type { ImageRecord, VitrineDb } from '../shared/db';
import { tiffPath } from '../shared/export-options';
import { pyramidalTiff } from '../shared/tiff-pyramid';
import { storedFiles } from './bundle-entries';

export type PadTiles = (jpegs: Uint8Array[], tileSize: number, quality: number) => Promise<Uint8Array[]>;

/**
 * One pyramidal TIFF per finished image, streamed from its stored tiles (read twice: sizes, then bytes),
 * so no TIFF is ever whole in memory. `padTiles` re-encodes the edge tiles on a worker.
 */
export async function* tiffEntries(db: VitrineDb, images: readonly ImageRecord[], padTiles: PadTiles) {
  for (const image of images) {
    const { tileSize, quality } = image.settings;
    const source = {
      files: async function* () {
        for await (const file of storedFiles(db, image.id)) yield { path: file.path, data: new Uint8Array(file.data) };
      },
      pad: (jpegs: Uint8Array[]) => padTiles(jpegs, tileSize, quality),
    };
    yield { name: tiffPath(image.id), input: pyramidalTiff(image, tileSize, source) };
  }
}

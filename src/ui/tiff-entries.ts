import type { ImageRecord, VitrineDb } from '../shared/db';
import { tiffPath } from '../shared/export-options';
import { pyramidalTiff } from '../shared/tiff-pyramid';
import { storedFiles } from './bundle-entries';
import { TilerBridge } from './tiler-bridge';

/**
 * One pyramidal TIFF per finished image, streamed from its stored tiles (read twice: sizes, then bytes),
 * so no TIFF is ever whole in memory. A worker of its own re-encodes the edge tiles and is stopped after.
 */
export async function* tiffEntries(db: VitrineDb, images: readonly ImageRecord[]) {
  const bridge = new TilerBridge();
  try {
    for (const image of images) {
      const { tileSize, quality } = image.settings;
      const source = {
        files: async function* () {
          for await (const file of storedFiles(db, image.id))
            yield { path: file.path, data: new Uint8Array(file.data) };
        },
        pad: (jpegs: Uint8Array[]) => bridge.padTiles(jpegs, tileSize, quality),
      };
      yield { name: tiffPath(image.id), input: pyramidalTiff(image, tileSize, source) };
    }
  } finally {
    bridge.stop();
  }
}

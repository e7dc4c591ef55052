import type Vips from 'wasm-vips';
import { HandleScope } from './handles';

/**
 * Edge tiles of a pyramidal TIFF: a TIFF tile is always the full tile size, so a smaller IIIF edge tile is
 * decoded, extended to tileSize × tileSize by copying its last column and row, and encoded as the other
 * tiles were (same quality, so the same chroma subsampling). Only these are ever encoded twice.
 */
export function padTiles(
  vips: typeof Vips,
  jpegs: readonly Uint8Array[],
  tileSize: number,
  quality: number,
): Uint8Array[] {
  return jpegs.map((jpeg) => {
    const scope = new HandleScope();
    try {
      const tile = scope.track(vips.Image.newFromBuffer(jpeg));
      const padded = scope.track(tile.embed(0, 0, tileSize, tileSize, { extend: 'copy' }));
      return padded.jpegsaveBuffer({ Q: quality, keep: 0 });
    } finally {
      scope.dispose();
    }
  });
}

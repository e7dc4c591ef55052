import { levelTiles, scaleFactors, tilePath, type Size } from './pyramid';
import { tiffPyramidHead, type TiffTilePlace } from './tiff-layout';

/**
 * One image's pyramidal TIFF, made from the JPEG tiles already stored for its IIIF bundle: every level is
 * a page, every tile is reused as it is, and only edge tiles (smaller than a TIFF tile) are re-encoded,
 * padded to the full tile size. No level is decoded again.
 */

/** A stored file of the image's folder: its path below the folder and its bytes. */
export interface StoredTile {
  path: string;
  data: Uint8Array;
}

export interface TiffTileSource {
  /** The image's stored files in a fixed order; called twice, and must yield the same order both times. */
  files(): AsyncIterable<StoredTile>;
  /** The given edge tiles as JPEGs of tileSize × tileSize, the added pixels copied from the edge. */
  pad(jpegs: Uint8Array[]): Promise<Uint8Array[]>;
}

interface Slot {
  level: number;
  index: number;
  edge: boolean;
}

/**
 * A TIFF level's size: IIPImage expects each page to be the one before halved and rounded down, while the
 * IIIF levels round up. A rounded-down level is the rounded-up one less its last column or row (the same
 * 2×2 box filter made both), so the same tiles serve; a tile wholly in that column or row is left out.
 */
export function tiffLevelSize(image: Size, scaleFactor: number): Size {
  return {
    width: Math.max(1, Math.floor(image.width / scaleFactor)),
    height: Math.max(1, Math.floor(image.height / scaleFactor)),
  };
}

/** Where each JPEG tile of the IIIF pyramid goes in the TIFF: level (page) and row-major index. */
export function tiffSlots(image: Size, tileSize: number): Map<string, Slot> {
  const slots = new Map<string, Slot>();
  scaleFactors(image, tileSize).forEach((factor, level) => {
    const size = tiffLevelSize(image, factor);
    const across = Math.ceil(size.width / tileSize);
    for (const tile of levelTiles(image, tileSize, factor)) {
      if (tile.col * tileSize >= size.width || tile.row * tileSize >= size.height) continue;
      const edge = tile.tw < tileSize || tile.th < tileSize;
      slots.set(tilePath(tile, 'jpg'), { level, index: tile.row * across + tile.col, edge });
    }
  });
  return slots;
}

/** The TIFF's bytes in order: the head once every tile's size is known, then the tiles. */
export async function* pyramidalTiff(
  image: Size,
  tileSize: number,
  source: TiffTileSource,
  forceBigTiff = false,
): AsyncGenerator<Uint8Array> {
  const slots = tiffSlots(image, tileSize);
  const order: { path: string; bytes: number }[] = [];
  const edges: StoredTile[] = [];
  let first: Uint8Array | undefined;
  for await (const file of source.files()) {
    const slot = slots.get(file.path);
    if (!slot) continue;
    first ??= file.data;
    if (slot.edge) edges.push(file);
    order.push({ path: file.path, bytes: file.data.byteLength });
  }
  if (!first || order.length !== slots.size)
    throw new Error(`The stored tiles are incomplete (${order.length} of ${slots.size}): tile the image again`);
  const done = await source.pad(edges.map((e) => e.data));
  const padded = new Map(edges.map((e, i) => [e.path, done[i]]));
  const places: TiffTilePlace[] = order.map(({ path, bytes }) => {
    const { level, index } = slots.get(path)!;
    return { level, index, bytes: padded.get(path)?.byteLength ?? bytes };
  });
  const levels = scaleFactors(image, tileSize).map((f) => tiffLevelSize(image, f));
  const { bands, subsampling } = jpegFrame(first);
  const { head } = tiffPyramidHead({ tileSize, bands, subsampling, levels, tiles: places, forceBigTiff });
  yield head;
  let i = 0;
  for await (const file of source.files()) {
    if (!slots.has(file.path)) continue;
    const data = padded.get(file.path) ?? file.data;
    if (data.byteLength !== places[i++]?.bytes) throw new Error('The stored tiles changed during the TIFF export');
    yield data;
  }
}

/** The component count and chroma subsampling of a baseline JPEG, from its SOF0 segment. */
export function jpegFrame(jpeg: Uint8Array): { bands: 1 | 3; subsampling: 1 | 2 } {
  for (let at = 2; at + 4 <= jpeg.length;) {
    if (jpeg[at] !== 0xff) break;
    const marker = jpeg[at + 1];
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!;
    if (marker === 0xc0 || marker === 0xc1) {
      const components = jpeg[at + 9];
      const sampling = jpeg[at + 11] ?? 0;
      if (components !== 1 && components !== 3) break;
      return { bands: components, subsampling: components === 3 && sampling >> 4 === 2 ? 2 : 1 };
    }
    at += 2 + length;
  }
  throw new Error('A stored tile is not a baseline JPEG');
}

import type Vips from 'wasm-vips';

type Image = Vips.Image;

/**
 * The largest buffer one decoded piece may take. wasm-vips' allocator did not reuse freed blocks of
 * about 12 to 16 MiB: copying and freeing a 15.4 MB strip grew the heap by 40 MB a time (18000 to
 * 20000 px wide RGB strips), while 11.7 and 19.9 MB did not grow it. Pieces stay well below.
 */
const PIECE_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Rows `y` to `y + height` of an 8-bit `source`, decoded into memory in pieces joined lazily. Pieces are
 * a power of two rows high, so that they start on the strips and tiles a sequential loader reads (a JPEG
 * read in 139-row pieces failed as "out of order read").
 */
export function decodeRows(source: Image, y: number, height: number): Image {
  const fit = Math.max(1, Math.floor(PIECE_MAX_BYTES / (source.width * source.bands)));
  const rowsPerPiece = 2 ** Math.floor(Math.log2(fit));
  let rows: Image | null = null;
  for (let top = y; top < y + height; top += rowsPerPiece) {
    const crop = source.crop(0, top, source.width, Math.min(rowsPerPiece, y + height - top));
    const piece = crop.copyMemory();
    crop.delete();
    rows = rows ? joinRows(rows, piece) : piece;
  }
  if (!rows) throw new RangeError('decodeRows needs at least one row');
  return rows;
}

/**
 * `top` above `bottom`, taking ownership of both. The join stays lazy (it keeps the halves): copying it
 * into a new buffer per tile row grew the heap by about 100 MB a row at 36000 px, and reading it twice
 * costs little.
 */
export function joinRows(top: Image, bottom: Image): Image {
  const joined = top.join(bottom, 'vertical');
  top.delete();
  bottom.delete();
  return joined;
}

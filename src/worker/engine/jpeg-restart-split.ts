import { EOI, MARKER, RST0, type StripLayout } from './jpeg-strip-layout';

/**
 * Cuts tiles out of a tile row encoded as one baseline JPEG with restart markers at tile boundaries,
 * and stacks such rows into one whole image: each piece is segments of the row behind a copy of its
 * header with the frame size changed. One encoder call per row saves the encoder's fixed cost per
 * call (about 0.7 ms a tile in wasm-vips), and one per level saves encoding a whole level twice; the
 * pixels decode exactly as those of separate encodes.
 */

/** Splits a row (see restartIntervalFor) into its tiles, left to right; the last may be narrower. */
export function cutTiles(row: StripLayout, tileWidth: number): Uint8Array[] {
  const { width, height, mcuWidth, mcuHeight, restartInterval, segments } = row;
  const rowMcus = Math.ceil(width / mcuWidth);
  const tileMcus = tileWidth / mcuWidth;
  const columns = Math.ceil(width / tileWidth);
  if (!Number.isInteger(tileMcus) || rowMcus % restartInterval !== 0 || (columns > 1 && tileMcus % restartInterval)) {
    throw new RangeError(
      `restart intervals of ${restartInterval * mcuWidth} px do not cut ${width} px into ${tileWidth} px tiles`,
    );
  }
  const perRow = rowMcus / restartInterval;
  const perTile = columns > 1 ? tileMcus / restartInterval : perRow;
  const mcuRows = Math.ceil(height / mcuHeight);
  if (segments.length !== perRow * mcuRows) {
    throw new RangeError(`expected ${perRow * mcuRows} restart segments, found ${segments.length}`);
  }
  const tiles: Uint8Array[] = [];
  for (let t = 0; t < columns; t++) {
    const first = t * perTile;
    const end = Math.min(first + perTile, perRow);
    const parts: [number, number][] = [];
    for (let r = 0; r < mcuRows; r++) parts.push(...segments.slice(r * perRow + first, r * perRow + end));
    tiles.push(assemble(row, Math.min(tileWidth, width - t * tileWidth), height, [[row.bytes, parts]]));
  }
  return tiles;
}

/**
 * Stacks rows of one level, top to bottom, into one JPEG of the whole level. Every row but the last must
 * be a whole number of MCU rows high, and all must share width and tables (one encoder, same settings).
 */
export function stackStrips(rows: StripLayout[]): Uint8Array {
  const [top] = rows;
  if (!top) throw new RangeError('no rows to stack');
  let height = 0;
  rows.forEach((row, i) => {
    const last = i === rows.length - 1;
    if (!sameHeaderButHeight(top, row) || (!last && row.height % row.mcuHeight !== 0)) {
      throw new RangeError(`row ${i} does not continue the rows above it`);
    }
    height += row.height;
  });
  return assemble(
    top,
    top.width,
    height,
    rows.map((row) => [row.bytes, row.segments]),
  );
}

function sameHeaderButHeight(a: StripLayout, b: StripLayout): boolean {
  if (a.header.length !== b.header.length || a.heightAt !== b.heightAt) return false;
  return a.header.every((byte, i) => byte === b.header[i] || i === a.heightAt || i === a.heightAt + 1);
}

/** `like`'s header with the given frame size, then the spans, renumbering the restart markers between them. */
function assemble(
  like: StripLayout,
  width: number,
  height: number,
  pieces: [Uint8Array, [number, number][]][],
): Uint8Array {
  let count = 0;
  let body = 0;
  for (const [, spans] of pieces) {
    for (const [a, b] of spans) body += b - a;
    count += spans.length;
  }
  const out = new Uint8Array(like.header.length + body + 2 * (count - 1) + 2);
  out.set(like.header);
  out.set([height >> 8, height & 0xff, width >> 8, width & 0xff], like.heightAt);
  let at = like.header.length;
  let i = 0;
  for (const [bytes, spans] of pieces) {
    for (const [a, b] of spans) {
      if (i > 0) out.set([MARKER, RST0 + ((i - 1) % 8)], (at += 2) - 2);
      out.set(bytes.subarray(a, b), at);
      at += b - a;
      i++;
    }
  }
  out.set([MARKER, EOI], at);
  return out;
}

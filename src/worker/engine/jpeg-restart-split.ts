/**
 * Cuts one baseline JPEG of a tile row, encoded with restart markers at tile boundaries, into one
 * standalone JPEG per tile. A restart marker resets the entropy coder (DC prediction, bit buffer), so
 * the bytes between two markers are independent; a tile is its own segments behind a copy of the
 * strip's header with the width changed. One encoder call per row instead of per tile saves the
 * encoder's fixed set-up cost (about 0.7 ms a tile in wasm-vips), and the pixels decode identically.
 */

const MARKER = 0xff;
const SOI = 0xd8;
const EOI = 0xd9;
const SOF0 = 0xc0;
const SOF1 = 0xc1;
const DRI = 0xdd;
const SOS = 0xda;
const RST0 = 0xd0;

/** How many MCUs per restart interval make each interval `width` px or an exact fraction of it. */
export function restartIntervalFor(tileWidth: number): number {
  // The widest MCU libvips writes is 16 px (4:2:0); with 8 px MCUs an interval is half a tile.
  if (tileWidth % 16 !== 0) throw new RangeError(`tile width ${tileWidth} is not a multiple of 16`);
  return tileWidth / 16;
}

interface StripLayout {
  /** Bytes from SOI to the end of the SOS header, copied into every tile. */
  header: Uint8Array;
  /** Offset of the SOF width field inside `header`. */
  widthAt: number;
  width: number;
  height: number;
  mcuWidth: number;
  mcuHeight: number;
  restartInterval: number;
  /** [start, end) of each entropy-coded segment, in order. */
  segments: [number, number][];
}

/** Splits `strip` (a baseline JPEG whose width is a multiple of `tileWidth`) into its tiles, left to right. */
export function splitStripJpeg(strip: Uint8Array, tileWidth: number): Uint8Array[] {
  const layout = readLayout(strip);
  const segmentWidth = layout.restartInterval * layout.mcuWidth;
  if (layout.width % tileWidth !== 0 || tileWidth % segmentWidth !== 0) {
    throw new RangeError(
      `restart intervals of ${segmentWidth} px do not cut ${layout.width} px into ${tileWidth} px tiles`,
    );
  }
  const perRow = layout.width / segmentWidth;
  const perTile = tileWidth / segmentWidth;
  const mcuRows = Math.ceil(layout.height / layout.mcuHeight);
  if (layout.segments.length !== perRow * mcuRows) {
    throw new RangeError(`expected ${perRow * mcuRows} restart segments, found ${layout.segments.length}`);
  }
  const tiles: Uint8Array[] = [];
  for (let t = 0; t < layout.width / tileWidth; t++) {
    const parts: [number, number][] = [];
    for (let row = 0; row < mcuRows; row++) {
      const first = row * perRow + t * perTile;
      parts.push(...layout.segments.slice(first, first + perTile));
    }
    tiles.push(assembleTile(strip, layout, tileWidth, parts));
  }
  return tiles;
}

function assembleTile(strip: Uint8Array, layout: StripLayout, width: number, parts: [number, number][]): Uint8Array {
  const body = parts.reduce((n, [a, b]) => n + (b - a), 0);
  const out = new Uint8Array(layout.header.length + body + 2 * (parts.length - 1) + 2);
  out.set(layout.header);
  out[layout.widthAt] = width >> 8;
  out[layout.widthAt + 1] = width & 0xff;
  let at = layout.header.length;
  parts.forEach(([a, b], i) => {
    if (i > 0) {
      out[at++] = MARKER;
      out[at++] = RST0 + ((i - 1) % 8);
    }
    out.set(strip.subarray(a, b), at);
    at += b - a;
  });
  out[at++] = MARKER;
  out[at] = EOI;
  return out;
}

/** The byte at `at`, 0 past the end (a truncated header then fails a check below). */
function byteAt(bytes: Uint8Array, at: number): number {
  return bytes[at] ?? 0;
}

function readLayout(jpeg: Uint8Array): StripLayout {
  const u8 = (at: number) => byteAt(jpeg, at);
  const u16 = (at: number) => (u8(at) << 8) | u8(at + 1);
  if (u8(0) !== MARKER || u8(1) !== SOI) throw new RangeError('not a JPEG');
  let at = 2;
  let sof = -1;
  let restartInterval = 0;
  for (;;) {
    if (at + 4 > jpeg.length || u8(at) !== MARKER) throw new RangeError('truncated JPEG header');
    const marker = u8(at + 1);
    const length = u16(at + 2);
    if (marker === SOF0 || marker === SOF1) sof = at;
    else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      throw new RangeError('only baseline JPEG strips can be split');
    }
    if (marker === DRI) restartInterval = u16(at + 4);
    at += 2 + length;
    if (marker === SOS) break;
  }
  if (sof < 0 || restartInterval === 0) throw new RangeError('the strip has no frame header or no restart interval');
  const components = u8(sof + 9);
  let hMax = 1;
  let vMax = 1;
  for (let c = 0; c < components; c++) {
    const sampling = u8(sof + 11 + 3 * c);
    hMax = Math.max(hMax, sampling >> 4);
    vMax = Math.max(vMax, sampling & 15);
  }
  return {
    header: jpeg.subarray(0, at),
    widthAt: sof + 7,
    height: u16(sof + 5),
    width: u16(sof + 7),
    mcuWidth: components === 1 ? 8 : 8 * hMax,
    mcuHeight: components === 1 ? 8 : 8 * vMax,
    restartInterval,
    segments: entropySegments(jpeg, at),
  };
}

/** The spans between restart markers, up to EOI. Data bytes 0xFF are stuffed as FF 00, so FF Dn is a marker. */
function entropySegments(jpeg: Uint8Array, from: number): [number, number][] {
  const segments: [number, number][] = [];
  let start = from;
  for (let i = jpeg.indexOf(MARKER, from); i >= 0 && i + 1 < jpeg.length; i = jpeg.indexOf(MARKER, i + 1)) {
    const next = byteAt(jpeg, i + 1);
    if (next === EOI || (next >= RST0 && next < RST0 + 8)) {
      segments.push([start, i]);
      if (next === EOI) return segments;
      start = i + 2;
    }
  }
  throw new RangeError('the strip JPEG has no end marker');
}

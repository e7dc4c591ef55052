/**
 * Reads where the pieces of a baseline JPEG are: its header, frame size, MCU size, restart interval and
 * the entropy-coded segments between restart markers. A restart marker resets the entropy coder (DC
 * prediction, bit buffer), so the bytes between two markers decode on their own wherever they are put.
 */

export const MARKER = 0xff;
export const SOI = 0xd8;
export const EOI = 0xd9;
export const RST0 = 0xd0;
const SOF0 = 0xc0;
const SOF1 = 0xc1;
const DRI = 0xdd;
const SOS = 0xda;

export interface StripLayout {
  bytes: Uint8Array;
  /** Bytes from SOI to the end of the SOS header. */
  header: Uint8Array;
  /** Offset of the SOF height field inside `header`; the width field follows it. */
  heightAt: number;
  width: number;
  height: number;
  mcuWidth: number;
  mcuHeight: number;
  /** MCUs per restart interval. */
  restartInterval: number;
  /** [start, end) of each entropy-coded segment, in order. */
  segments: [number, number][];
}

/** The width in px of the MCUs libvips' jpegsave writes: 4:2:0 below quality 90 (its `auto` mode), else 4:4:4. */
export function mcuWidthFor(bands: number, quality: number): number {
  return bands === 1 || quality >= 90 ? 8 : 16;
}

/**
 * MCUs per restart interval for a strip `width` px wide that is cut into `tileWidth` px tiles: a marker
 * falls on every tile boundary and at the end of every MCU row, so that strips also stack into one image.
 */
export function restartIntervalFor(tileWidth: number, width: number, mcuWidth: number): number {
  if (tileWidth % 16 !== 0) throw new RangeError(`tile width ${tileWidth} is not a multiple of 16`);
  const tileMcus = tileWidth / mcuWidth;
  const rowMcus = Math.ceil(width / mcuWidth);
  return rowMcus <= tileMcus ? rowMcus : gcd(rowMcus, tileMcus);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The byte at `at`, 0 past the end (a truncated header then fails a check below). */
function byteAt(bytes: Uint8Array, at: number): number {
  return bytes[at] ?? 0;
}

export function readLayout(jpeg: Uint8Array): StripLayout {
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
    bytes: jpeg,
    header: jpeg.subarray(0, at),
    heightAt: sof + 5,
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

import type { Jp2Header } from '../../../shared/jpeg2000/jp2-boxes';
import type { Codestream } from '../../../shared/jpeg2000/j2k-codestream';
import { TileError } from '../../../shared/tile-error';
import type { DecodedCodestream } from './openjpeg';

/** Which decoded channels make the picture: 1 (grey) or 3 (RGB or sYCC) colour channels and maybe alpha. */
export interface PixelLayout {
  colour: number[];
  alpha?: { channel: number; premultiplied: boolean };
  sycc: boolean;
  /** Channels after the palette, if any, is applied. */
  channels: number;
  note?: string;
}

const unsupported = (what: string) =>
  new TileError('DecodeFailed', `JPEG 2000 with an unsupported component layout: ${what}`);

/** Decides the layout from the boxes and the codestream, refusing by name what it cannot show. */
export function pixelLayout(header: Pick<Jp2Header, 'colour' | 'channels' | 'palette'>, cs: Codestream): PixelLayout {
  if (cs.components.some((c) => c.dx !== 1 || c.dy !== 1)) throw unsupported('subsampled components');
  if (cs.components.some((c) => c.bits !== cs.components[0]!.bits || c.bits > 16)) {
    throw unsupported(`components of ${[...new Set(cs.components.map((c) => c.bits))].join(', ')} bits`);
  }
  // The decoder gives 8 bits per sample, clamping signed values and at most four components.
  if (cs.components.some((c) => c.signed)) throw unsupported('signed samples');
  if (cs.components.length > 4) throw unsupported(`${cs.components.length} components`);
  if (header.palette && cs.components[0]!.bits > 8) throw unsupported('a palette indexed by more than 8 bits');
  const channels = header.palette ? header.palette.mapping.length : cs.components.length;
  const sycc = header.colour.kind === 'sycc';
  const defined = header.channels;
  let colour: number[];
  let alpha: PixelLayout['alpha'];
  if (defined.length) {
    colour = defined
      .filter((d) => d.type === 0 && d.association > 0 && d.association < 65535)
      .sort((a, b) => a.association - b.association)
      .map((d) => d.channel);
    const a = defined.find((d) => (d.type === 1 || d.type === 2) && d.association === 0);
    if (a) alpha = { channel: a.channel, premultiplied: a.type === 2 };
  } else {
    const greyish = channels <= 2 || header.colour.kind === 'grey';
    colour = greyish ? [0] : [0, 1, 2];
    if (channels === colour.length + 1) alpha = { channel: colour.length, premultiplied: false };
  }
  if ((colour.length !== 1 && colour.length !== 3) || [...colour, alpha?.channel ?? 0].some((c) => c >= channels)) {
    throw unsupported(`${channels} channels, ${colour.length} of them colour`);
  }
  if (sycc && colour.length !== 3) throw unsupported('sYCC without three colour channels');
  const used = colour.length + (alpha ? 1 : 0);
  const note = channels > used ? `channels ${colour.map((c) => c + 1).join(', ')} of ${channels} used` : undefined;
  return { colour, ...(alpha ? { alpha } : {}), sycc, channels, ...(note ? { note } : {}) };
}

/** The decoded samples with the palette, if any, applied: 8-bit channels, interleaved. */
export function paletteApplied(decoded: DecodedCodestream, palette: Jp2Header['palette']): Uint8Array {
  if (!palette) return decoded.samples;
  const n = decoded.width * decoded.height;
  const channels = palette.mapping.length;
  const out = new Uint8Array(n * channels);
  const lookups = palette.mapping.map((m) => {
    if (m.type !== 1) return null;
    const column = palette.columns[m.column];
    if (!column) throw unsupported('a palette mapping to a missing column');
    const max = 2 ** column.bits - 1;
    return Uint8Array.from(column.values, (v) => Math.round((v * 255) / max));
  });
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < channels; c++) {
      const v = decoded.samples[p * decoded.components + palette.mapping[c]!.component]!;
      const lookup = lookups[c];
      out[p * channels + c] = lookup ? (lookup[Math.min(v, lookup.length - 1)] ?? 0) : v;
    }
  }
  return out;
}

/** 8-bit channels → 1 or 3 bands for display: colour picked, sYCC turned into RGB, alpha flattened on white. */
export function displayBands(eight: Uint8Array, pixels: number, layout: PixelLayout): Uint8Array {
  const { colour, alpha, channels } = layout;
  const bands = colour.length;
  const out = new Uint8Array(pixels * bands);
  for (let p = 0, i = 0; p < pixels; p++, i += channels) {
    let a = 255;
    if (alpha) a = eight[i + alpha.channel]!;
    for (let b = 0; b < bands; b++) {
      let v = eight[i + colour[b]!]!;
      if (layout.sycc) v = syccChannel(eight[i + colour[0]!]!, eight[i + colour[1]!]!, eight[i + colour[2]!]!, b);
      // On white, as every other input's alpha (premultiplied values already carry the colour times alpha).
      if (a !== 255) v = alpha!.premultiplied ? v + 255 - a : Math.round((v * a + 255 * (255 - a)) / 255);
      out[p * bands + b] = Math.max(0, Math.min(255, v));
    }
  }
  return out;
}

/** One RGB channel of an sYCC (ITU-R BT.601 full range) pixel. */
function syccChannel(y: number, cb: number, cr: number, channel: number): number {
  const r =
    channel === 0
      ? y + 1.402 * (cr - 128)
      : channel === 1
        ? y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128)
        : y + 1.772 * (cb - 128);
  return Math.round(r);
}

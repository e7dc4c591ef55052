import type Vips from 'wasm-vips';
import { readJp2Header, Jp2FormatError, type Jp2Header, type ReadBytes } from '../../../shared/jpeg2000/jp2-boxes';
import {
  indexTileParts,
  readCodestream,
  singleTileCodestream,
  tileBounds,
} from '../../../shared/jpeg2000/j2k-codestream';
import type { LabelValue } from '../../../shared/descriptive';
import { TileError } from '../../../shared/tile-error';
import type { StripSource } from '../pyramid-writer';
import { imageFromPixels, materialise } from '../strip-buffers';
import { vipsErrorText } from '../vips-error';
import { displayBands, paletteApplied, pixelLayout } from './jp2-pixels';
import type { OpenJpeg } from './openjpeg';

export interface Jpeg2000Source {
  strips: StripSource;
  notes: string[];
  /** What a person should check before publishing (a profile ignored). */
  warnings: string[];
  /** What the file says about itself that a catalogue keeps (resolution). */
  metadata: LabelValue[];
}

/**
 * Largest codestream tile decoded at once (pixels): OpenJPEG holds a tile as 32-bit samples per component,
 * plus its code-blocks. An untiled codestream is one tile, so this also bounds those.
 */
export const MAX_TILE_PIXELS = 24e6;

/**
 * A JP2, JPX (JP2-compatible) or bare J2K file as strips of display pixels, decoded one row of codestream
 * tiles at a time: each tile is cut out as a codestream of its own (see singleTileCodestream), so memory
 * holds one tile in OpenJPEG and one tile row of 8-bit pixels, whatever the image's size.
 */
export function openJpeg2000(
  vips: typeof Vips,
  openJpeg: OpenJpeg,
  read: ReadBytes,
  fileLength: number,
): Jpeg2000Source {
  try {
    return open(vips, openJpeg, read, fileLength);
  } catch (error) {
    if (error instanceof Jp2FormatError) {
      const damaged = /^(Truncated|Corrupt)/.test(error.message);
      throw new TileError(damaged ? 'Damaged' : 'DecodeFailed', error.message);
    }
    throw error;
  }
}

function open(vips: typeof Vips, openJpeg: OpenJpeg, read: ReadBytes, fileLength: number): Jpeg2000Source {
  const bare = read(0, 2);
  const header: Jp2Header =
    bare[0] === 0xff && bare[1] === 0x4f
      ? { codestreamOffset: 0, codestreamLength: fileLength, colour: { kind: 'unspecified' }, channels: [] }
      : readJp2Header(read, fileLength);
  const { codestreamOffset: offset, codestreamLength: length } = header;
  const cs = readCodestream(read, offset, length);
  const tiles = cs.tilesAcross * cs.tilesDown;
  if (cs.hasPpm && tiles > 1)
    throw new TileError('DecodeFailed', 'JPEG 2000 with packed packet headers (PPM) across tiles');
  const tileArea = Math.min(cs.tileWidth, cs.x1 - cs.x0) * Math.min(cs.tileHeight, cs.y1 - cs.y0);
  if (tileArea > MAX_TILE_PIXELS) {
    const mp = (tileArea / 1e6).toFixed(0);
    throw new TileError(
      'TooLarge',
      `JPEG 2000 ${tiles > 1 ? `tiles of ${mp}` : `without tiles, ${mp}`} megapixels: decoding needs one tile whole, ` +
        `allowed up to ${MAX_TILE_PIXELS / 1e6}; re-encode it with tiles (opj_compress -t 1024,1024)`,
    );
  }
  const layout = pixelLayout(header, cs);
  const parts = indexTileParts(read, offset, length, cs);
  const width = cs.x1 - cs.x0;
  const height = cs.y1 - cs.y0;
  const bands = layout.colour.length;
  const bits = cs.components[0]!.bits;
  const notes = [
    `JPEG 2000, ${bits}-bit${bits > 8 ? ' scaled to 8' : ''}, ${tiles} codestream tile${tiles > 1 ? 's' : ''}`,
  ];
  if (layout.note) notes.push(layout.note);
  const warnings: string[] = [];
  const icc =
    header.colour.kind === 'icc' ? usableProfile(vips, header.colour.profile, bands, notes, warnings) : undefined;
  if (layout.sycc) notes.push('sYCC converted to sRGB');

  let row: { top: number; bottom: number; pixels: Uint8Array } | null = null;
  const decodeTileRow = async (q: number) => {
    const first = tileBounds(cs, q * cs.tilesAcross);
    const top = first.y0 - cs.y0;
    const rows = first.y1 - first.y0;
    const pixels = new Uint8Array(width * rows * bands);
    for (let p = 0; p < cs.tilesAcross; p++) {
      const index = q * cs.tilesAcross + p;
      const bytes = (parts.get(index) ?? []).map(([at, n]) => read(offset + at, n));
      const b = tileBounds(cs, index);
      const decoded = await openJpeg.decode(singleTileCodestream(cs, index, bytes), {
        width: b.x1 - b.x0,
        height: rows,
        components: cs.components.length,
      });
      const display = displayBands(paletteApplied(decoded, header.palette), decoded.width * rows, layout);
      const left = (b.x0 - cs.x0) * bands;
      const tileRowBytes = decoded.width * bands;
      for (let y = 0; y < rows; y++) {
        pixels.set(display.subarray(y * tileRowBytes, (y + 1) * tileRowBytes), y * width * bands + left);
      }
    }
    return { top, bottom: top + rows, pixels };
  };

  const strips: StripSource = {
    width,
    height,
    async strip(y, rows) {
      const out = new Uint8Array(width * rows * bands);
      for (let filled = 0; filled < rows;) {
        const at = y + filled;
        if (!row || at < row.top || at >= row.bottom) {
          row = null; // the last row's pixels go before the next is decoded
          row = await decodeTileRow(Math.floor((at + cs.y0 - cs.tileY0) / cs.tileHeight));
        }
        const take = Math.min(rows - filled, row.bottom - at);
        out.set(
          row.pixels.subarray((at - row.top) * width * bands, (at - row.top + take) * width * bands),
          filled * width * bands,
        );
        filled += take;
      }
      const raw = imageFromPixels(vips, out, width, rows, bands);
      return icc ? materialise(toSrgb(raw, icc)) : raw;
    },
  };
  return { strips, notes, warnings, metadata: resolutionMetadata(header) };
}

/** The embedded profile, if libvips can convert with it (tried on one pixel); else a note and sRGB assumed. */
function usableProfile(
  vips: typeof Vips,
  profile: Uint8Array,
  bands: number,
  notes: string[],
  warnings: string[],
): Uint8Array | undefined {
  const probe = vips.Image.newFromMemory(new Uint8Array(bands), 1, 1, bands, vips.BandFormat.uchar);
  try {
    toSrgb(probe, profile).delete();
    notes.push('embedded ICC profile converted to sRGB');
    return profile;
  } catch (error) {
    warnings.push(`embedded ICC profile unusable (${vipsErrorText(error)}); assumed sRGB`);
    return undefined;
  }
}

/** Takes ownership of `raw`. */
function toSrgb(raw: Vips.Image, profile: Uint8Array): Vips.Image {
  const tagged = raw.copy();
  raw.delete();
  try {
    tagged.setBlob('icc-profile-data', profile);
    return tagged.iccTransform('srgb', { embedded: true, depth: 8 });
  } finally {
    tagged.delete();
  }
}

function resolutionMetadata(header: Jp2Header): Jpeg2000Source['metadata'] {
  const r = header.resolution;
  if (!r) return [];
  const dpi = (perMetre: number) => +(perMetre * 0.0254).toFixed(2);
  const value = dpi(r.x) === dpi(r.y) ? `${dpi(r.x)} dpi` : `${dpi(r.x)} × ${dpi(r.y)} dpi`;
  return [{ label: `Resolution (${r.kind})`, value }];
}

import { describe, expect, it } from 'vitest';
import { TileError } from '../src/shared/tile-error';
import { decodeFailure } from '../src/worker/engine/decode-failure';

/** What wasm-vips throws: a WebAssembly.Exception-like object whose message is [type, text]. */
const vipsError = (text: string) => ({ message: ['vips::Error', text] });

describe('decodeFailure', () => {
  it('names truncation and corruption as damage, keeping the specific line', () => {
    expect(
      decodeFailure(vipsError('unable to copy to memory\nVipsJpeg: premature end of JPEG image\n'), 'jpeg'),
    ).toMatchObject({
      code: 'Damaged',
      message: 'Truncated JPEG: VipsJpeg: premature end of JPEG image',
    });
    expect(decodeFailure(vipsError('unable to call avg\nvipspng: libpng read error\n'), 'png')).toMatchObject({
      code: 'Damaged',
      message: 'Corrupt PNG data: vipspng: libpng read error',
    });
    expect(
      decodeFailure(
        vipsError('unable to load from source\nVipsForeignLoad: source is not in a known format\n'),
        'tiff',
      ),
    ).toMatchObject({
      code: 'Damaged',
      message: 'Corrupt TIFF data: it starts as TIFF but cannot be read (truncated or damaged)',
    });
  });

  it('names a wasm trap as an engine crash, which makes the owner replace the worker', () => {
    const failure = decodeFailure(new WebAssembly.RuntimeError('memory access out of bounds'), 'jpeg');
    expect(failure).toMatchObject({ code: 'EngineCrashed', name: 'EngineCrashed' });
    expect(failure.message).toBe('The image engine crashed on this JPEG (memory access out of bounds)');
  });

  it('keeps other libvips errors as plain decode failures and passes TileErrors through', () => {
    expect(decodeFailure(vipsError('gifload_source: no frames in GIF\n'), 'gif').message).toBe(
      'Cannot decode this GIF: gifload_source: no frames in GIF',
    );
    const own = new TileError('TooLarge', 'x');
    expect(decodeFailure(own, 'png')).toBe(own);
  });
});

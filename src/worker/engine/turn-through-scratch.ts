import type Vips from 'wasm-vips';
import { formatBytes } from '../../shared/format-bytes';
import type { Size } from '../../shared/pyramid';
import { TileError } from '../../shared/tile-error';
import type { HandleScope } from './handles';
import { uprightSize } from './orientation';
import type { OpenScratch } from './scratch-file';
import { scratchSource } from './scratch-source';
import { writeUprightScratch } from './upright-scratch';

type Image = Vips.Image;

export interface TurnedImage {
  /** The upright image, read top to bottom from the scratch file. */
  image: Image;
  note: string;
  /** Deletes the scratch file: call once the image's handles are gone. */
  close: () => Promise<void>;
}

interface TurnCallbacks {
  onStart: (size: Size) => void;
  onTurnProgress?: (rowsDone: number, rowsTotal: number) => void;
}

/**
 * Turns an image too large for a whole decode upright in bounded memory: pass one writes an upright
 * PNM to a scratch file strip by strip, pass two reads it back top to bottom like any streamed image.
 */
export async function turnThroughScratch(
  vips: typeof Vips,
  scope: HandleScope,
  image: Image,
  orientation: number,
  openScratch: OpenScratch | undefined,
  callbacks: TurnCallbacks,
): Promise<TurnedImage> {
  if (!openScratch) {
    throw new TileError(
      'TooLarge',
      `EXIF orientation ${orientation} needs a whole-image decode or a scratch file, and no scratch file ` +
        `is available here; this image has ${((image.width * image.height) / 1e6).toFixed(0)} megapixels`,
    );
  }
  callbacks.onStart(uprightSize(orientation, { width: image.width, height: image.height }));
  const file = await writeUprightScratch(image, orientation, {
    openScratch,
    onProgress: callbacks.onTurnProgress ?? (() => {}),
  });
  try {
    const source = scope.track(scratchSource(vips, file));
    return {
      image: scope.track(vips.Image.newFromSource(source, '', { access: 'sequential' })),
      note: `EXIF orientation ${orientation} applied through a ${formatBytes(file.size)} scratch file`,
      close: () => file.close(),
    };
  } catch (error) {
    await file.close();
    throw error;
  }
}

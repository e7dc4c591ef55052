import { headerSize } from '../shared/header-size';
import { sniff } from '../shared/sniff';

/** A JPEG's frame header can sit behind large EXIF and ICC segments. */
const HEAD_BYTES = 256 * 1024;
/** Above this the browser's decode would hold hundreds of MB at once: those images wait for their tiles. */
const MAX_MEGAPIXELS = 50;
/** Long side of the preview: sharp on screen at the viewer's home zoom, small to draw. */
const LONG_SIDE = 2048;

export interface QuickPreview {
  url: string;
  width: number;
  height: number;
  release(): void;
}

/**
 * The dropped file decoded by the browser itself, shrunk to LONG_SIDE, upright and in display colours:
 * something to look at in the viewer while the pyramid is still being tiled. Null for formats the
 * browser is not trusted to decode here (only JPEG and PNG) and for images too large to decode whole.
 */
export async function quickPreview(file: File): Promise<QuickPreview | null> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const sniffed = sniff(head);
  if (sniffed.kind !== 'image' || (sniffed.format !== 'jpeg' && sniffed.format !== 'png')) return null;
  const size = headerSize(head);
  if (!size || size.width * size.height > MAX_MEGAPIXELS * 1e6) return null;
  // Whole, then drawn smaller: the resize options apply after EXIF orientation, whose turn is not known
  // here, and a whole decode measured no slower than a resizing one (about 140 ms for 20 MP).
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' }).catch(() => null);
  if (!bitmap) return null;
  const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  // An OffscreenCanvas: a page canvas's toBlob waits for idle time, measured at 100–190 ms here.
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  context?.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 }).catch(() => null);
  if (!blob) return null;
  const url = URL.createObjectURL(blob);
  return { url, width, height, release: () => URL.revokeObjectURL(url) };
}

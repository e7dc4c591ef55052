/**
 * Which encoder writes an image's level-0 and level-1 JPEG tile rows: libvips unless asked. The browser's
 * own (Advanced → Tile encoder) measured slower in Chromium, no faster on a whole job in Firefox ESR, and
 * cost a new Firefox worker about 6 s on its first image (docs/performance.md).
 */
export type EncoderChoice = 'libvips' | 'browser';
export const ENCODER_CHOICES: readonly EncoderChoice[] = ['libvips', 'browser'];

/** The browser engines whose canvas encoder was measured. */
export type BrowserEngine = 'gecko' | 'blink' | 'other';

export function browserEngine(userAgent: string): BrowserEngine {
  if (/\bFirefox\//.test(userAgent)) return 'gecko';
  return /\bChrom(e|ium)\//.test(userAgent) ? 'blink' : 'other';
}

/** Whether tile rows go to the browser's encoder: when asked, and never where it is missing. */
export function usesBrowserEncoder(choice: EncoderChoice, available: boolean): boolean {
  return available && choice === 'browser';
}

/**
 * Whether the browser's JPEG of a row would match libvips' at `quality` except for noise: the same
 * quantisation tables (quality maps 1:1) and the same chroma subsampling. Chromium keeps 4:2:0 at 90 and
 * above, where libvips switches to 4:4:4; grey rows would become colour JPEGs; WebP's scale differs.
 */
export function browserEncodes(engine: BrowserEngine, format: string, bands: number, quality: number): boolean {
  return format === 'jpg' && bands === 3 && (engine === 'gecko' || quality < 90);
}

/** Who encoded an image's tile rows: libvips alone, the browser's encoder for some, or a lent worker for some. */
export type EncodeRoute = 'libvips' | 'browser' | 'lent-worker';

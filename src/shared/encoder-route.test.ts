import { describe, expect, it } from 'vitest';
import { browserEncodes, browserEngine, usesBrowserEncoder } from './encoder-route';

describe('encoder routes', () => {
  it('names the engine from the user agent', () => {
    expect(browserEngine('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe('gecko');
    expect(browserEngine('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36')).toBe(
      'blink',
    );
    expect(browserEngine('Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Version/18.0 Safari/605.1.15')).toBe('other');
  });

  it("uses the browser's encoder only when chosen and present", () => {
    expect(usesBrowserEncoder('browser', true)).toBe(true);
    expect(usesBrowserEncoder('browser', false)).toBe(false);
    expect(usesBrowserEncoder('libvips', true)).toBe(false);
  });

  it('leaves to libvips the rows a browser would encode differently', () => {
    expect(browserEncodes('blink', 'jpg', 3, 85)).toBe(true);
    // Chromium stays 4:2:0 at 90 and above, where libvips (and Firefox) switch to 4:4:4.
    expect(browserEncodes('blink', 'jpg', 3, 90)).toBe(false);
    expect(browserEncodes('gecko', 'jpg', 3, 95)).toBe(true);
    expect(browserEncodes('gecko', 'jpg', 1, 85)).toBe(false);
    expect(browserEncodes('gecko', 'webp', 3, 85)).toBe(false);
  });
});

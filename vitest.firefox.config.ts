import { defineConfig } from 'vitest/config';

/** The Firefox suite: puppeteer-core drives Debian's firefox-esr against the built app. */
export default defineConfig({
  test: {
    include: ['e2e-firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Firefox ESR now and then hangs while wasm-vips starts, in a way the bridge's three start-up attempts
    // do not always outlast (1 full run in 4 here, never when the suite runs alone): one retry of the test.
    retry: 1,
  },
});

import { defineConfig } from 'vitest/config';

/** The Firefox suite: puppeteer-core drives Debian's firefox-esr against the built app. */
export default defineConfig({
  test: {
    include: ['e2e-firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Firefox ESR now and then fails to start wasm-vips: the tiling worker stops before its first event,
    // with no message, and once that happens in a Firefox, new workers there stop too (3 of 3 start
    // attempts, when the bridge retried such stops). Without retries, 6 of 16 suite runs failed on
    // 2026-11-25, with wasm huge memory on or off, and a full run needed both of its two retries. Four
    // retries, each in a newly launched Firefox.
    retry: 4,
  },
});

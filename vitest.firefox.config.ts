import { defineConfig } from 'vitest/config';

/** The Firefox suite: puppeteer-core drives Debian's firefox-esr against the built app. */
export default defineConfig({
  test: {
    include: ['e2e-firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Firefox ESR now and then fails to start wasm-vips, past the bridge's three start-up attempts (in up
    // to half of the suite's runs on 2026-11-25): two retries, each in a newly launched Firefox.
    retry: 2,
  },
});

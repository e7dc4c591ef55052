import { defineConfig } from 'vitest/config';

/** The Firefox suite: puppeteer-core drives Debian's firefox-esr against the built app. */
export default defineConfig({
  test: {
    include: ['e2e-firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Firefox ESR now and then fails to start wasm-vips: of the six pthread workers it starts, some are
    // never requested, and the bridge replaces the worker (docs/tests.md). With a 20 s limit and three
    // attempts, 1 image in 56 still failed to start on 2026-11-25; with 5–40 s and four, 0 of 20 did.
    // Four retries, each in a newly launched Firefox.
    retry: 4,
    // One Firefox at a time: two suites' Firefoxes and wasm workers on two cores would starve each other.
    fileParallelism: false,
  },
});

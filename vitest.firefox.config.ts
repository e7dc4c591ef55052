import { defineConfig } from 'vitest/config';

/** The Firefox suite: puppeteer-core drives Debian's firefox-esr against the built app. */
export default defineConfig({
  test: {
    include: ['e2e-firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});

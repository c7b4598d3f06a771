import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One Chromium for the whole suite; test files and the CLIs they spawn connect to it.
    globalSetup: ['tests/support/global-browser.ts'],
    // End-to-end tests start Chromium and print; unit tests finish in milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

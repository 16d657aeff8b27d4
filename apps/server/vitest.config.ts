import { defineConfig } from 'vitest/config';

// The server suite on the embedded database (PGlite in memory, one per test file).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/build-once.mjs', 'test/embedded-template.ts'],
  },
});

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The server suite on the embedded database (PGlite in memory, one per test file).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files wait on sockets, child processes and timers as much as they compute: one more
    // file than cores keeps the cores busy (vitest's default, cores - 1, is one file on two).
    maxWorkers: availableParallelism() + 1,
    // Files share each worker's loaded modules instead of importing the server afresh, which cost
    // most of the suite's CPU. Tests keep no module state: each builds its own app and database.
    isolate: false,
    globalSetup: ['test/build-once.mjs', 'test/embedded-template.ts'],
  },
});

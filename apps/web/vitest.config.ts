import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Component tests: whole screens in jsdom against the real server, built in-process per test file
// (see test/server.ts).
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files wait on sockets, child processes and timers as much as they compute: one more
    // file than cores keeps the cores busy (vitest's default, cores - 1, is one file on two).
    maxWorkers: availableParallelism() + 1,
    // Files share each worker's loaded modules (React, the app, the in-process server) instead of
    // importing them afresh, which cost most of the suite's time; each test renders its own app.
    isolate: false,
    // Each file's database starts from one migrated copy, as in the server suite.
    globalSetup: ['../server/test/embedded-template.ts'],
  },
});

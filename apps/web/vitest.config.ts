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
  },
});

import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The same server suite against PostgreSQL: each test file creates its own database on
// TEST_POSTGRES_URL (default: the local server) and drops it afterwards.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    globalSetup: ['test/build-once.mjs'],
    env: { TEST_DATABASE: 'postgres' },
  },
});

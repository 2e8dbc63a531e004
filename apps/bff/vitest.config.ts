import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The BFF's store tests run on PostgreSQL too: one server for the run, as in the control plane.
    globalSetup: ['./test/postgres.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: 'silent' },
  },
});

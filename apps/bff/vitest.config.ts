import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The BFF's store tests run on PostgreSQL too: one server for the run, as in the control plane.
    globalSetup: ['./test/postgres.global-setup.ts', './test/pglite-template.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Password hashes at scrypt N = 2^10 instead of 2^15 (passwords.ts): seeding and signing in, hundreds of times
    // over, cost milliseconds. The tests of the hashing itself and of the login throttle unset it.
    env: { LOG_LEVEL: 'silent', CORRIDOR_TEST_SCRYPT_LOG2N: '10' },
  },
});

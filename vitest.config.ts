import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/compiled-build.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A browser page on a shared two-core machine under a full run can take seconds to answer: a
    // polled assertion waits up to 15 s (the default, 1 s, failed browser tests under load).
    expect: { poll: { timeout: 15_000, interval: 100 } },
    pool: 'forks',
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});

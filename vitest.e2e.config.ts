import { defineConfig } from 'vitest/config';

/** Browser tests: the built web app on a real server (fresh PGlite), driven through Debian's Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One browser at a time suits a two-core machine, and keeps live-update timings honest.
    maxWorkers: 1,
    fileParallelism: false,
  },
});

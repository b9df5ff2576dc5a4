import { defineConfig } from 'vitest/config';

/** Drills (`npm run drill:*`): real PostgreSQL processes and their failover tooling on this machine, one at a time. */
export default defineConfig({
  test: {
    include: ['drill/**/*.drill.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});

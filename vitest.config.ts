import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['eslint-rules/**/*.test.ts', 'main/**/*.test.ts', 'db/**/*.test.ts', 'renderer/**/*.test.ts', 'preload/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Integration tests start real servers and a real SQLite file; keep them off each other's toes on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

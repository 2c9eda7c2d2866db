import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `npm run test:quick` (mode "quick"): one database, PGlite, even when TEST_DATABASE_URL is set,
// and no other program started (test/support/quick.ts). It also runs one test file per core:
// Vitest's default leaves a core free, which on a two-core machine runs the files one by one
// (2 min 23 s against 1 min 38 s here). The full run keeps that default, so the timing of the
// worker-pool and deadline tests is what CI sees.
export default defineConfig(({ mode }) => ({
  test: {
    include: ['lib/**/*.test.ts', 'cli/**/*.test.ts', 'test/**/*.test.ts', 'templates/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    env: mode === 'quick' ? { TEST_DATABASE_URL: '', NIANBAO_TEST_QUICK: '1' } : {},
    ...(mode === 'quick' ? { maxWorkers: availableParallelism(), minWorkers: 1 } : {}),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
}));

import { defineConfig } from 'vitest/config';

// `npm run test:quick` (mode "quick"): one database, PGlite, even when TEST_DATABASE_URL is set.
export default defineConfig(({ mode }) => ({
  test: {
    include: ['lib/**/*.test.ts', 'cli/**/*.test.ts', 'test/**/*.test.ts', 'templates/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    env: mode === 'quick' ? { TEST_DATABASE_URL: '' } : {},
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
}));

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const INCLUDE = ['lib/**/*.test.ts', 'cli/**/*.test.ts', 'test/**/*.test.ts', 'templates/**/*.test.ts', 'components/**/*.test.ts'];
/**
 * Files that set process.env before importing what reads it (lib/env.ts keeps what it read, the
 * import pool is made once): in a module graph shared with other files they would read what an
 * earlier file left. test:quick runs them each in a fresh graph, as `npm test` runs every file.
 */
const OWN_MODULES = ['cli/db.test.ts', 'test/integration/import-workers.test.ts', 'test/integration/upgrade-refused.test.ts'];

// The components' imports (tsconfig.json "paths"), for tests that render one on the server.
const resolve = { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } };

const common = {
  environment: 'node',
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

// `npm run test:quick` (mode "quick"): one database, PGlite, even when TEST_DATABASE_URL is set,
// and no other program started (test/support/quick.ts). It also runs one test file per core:
// Vitest's default leaves a core free, which on a two-core machine runs the files one by one
// (2 min 23 s against 1 min 38 s here). And the files of a worker share one module graph
// (isolate: false): pdfjs, react-pdf, drizzle and the template load once per worker instead of
// once per file — a third of the CPU time of the run. The full run keeps every default
// (isolated files, a core left free), so it still catches a test that depends on another's
// leftovers, and the timing of the worker-pool and deadline tests is what CI sees.
const quickEnv = { TEST_DATABASE_URL: '', NIANBAO_TEST_QUICK: '1' };
const quick = {
  maxWorkers: availableParallelism(),
  minWorkers: 1,
  // Workers are kept between files (the pool reads this at the root); each project then says
  // whether its files share their modules.
  poolOptions: { forks: { isolate: false } },
  // Each project names its own files, and so does not extend the root config (`extends: true`
  // adds the root's file lists to each project's: every file ran twice); it takes the root's
  // `resolve` instead, for the components' `@/` imports.
  projects: [
    { resolve, test: { ...common, env: quickEnv, name: 'shared', isolate: false, poolOptions: { forks: { isolate: false } }, include: INCLUDE, exclude: [...configDefaults.exclude, ...OWN_MODULES] } },
    { resolve, test: { ...common, env: quickEnv, name: 'own-modules', include: OWN_MODULES, poolOptions: { forks: { isolate: true } } } },
  ],
};

export default defineConfig(({ mode }) => ({
  resolve,
  test: mode === 'quick' ? quick : { ...common, include: INCLUDE },
}));

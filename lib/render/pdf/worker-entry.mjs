// Worker threads start from plain JavaScript: load tsx's ESM hooks, then the TypeScript worker.
// (A dependency already: the CLI runs on tsx.) Kept beside worker.ts so the path resolves alike
// from the Next server, the CLI, vitest and the benchmarks.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// React's development build costs ~10% of a render; a worker that is not told otherwise uses
// the production build (the app server runs with NODE_ENV=production anyway).
process.env.NODE_ENV ??= 'production';
register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
await import('./worker.ts');

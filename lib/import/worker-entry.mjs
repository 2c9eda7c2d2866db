// Import worker threads start from plain JavaScript: load tsx's ESM hooks, then the TypeScript
// task (as lib/render/pdf/worker-entry.mjs does). Tinypool calls the default export per task.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

process.env.NODE_ENV ??= 'production';
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
const mod = await import('./worker.ts');
export default mod.default;

// A PDF worker as the pool starts it (lib/render/pdf/worker-entry.mjs), that also writes down
// every module tsx loads for it: the modules a real worker runs, for module-graph.test.ts.
// It answers `{ graph: true }` with the list; every other message goes to the real worker.
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

process.env.NODE_ENV ??= 'production';
const loaded = new Set();
register({
  tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
  onImport: (url) => {
    if (url.startsWith('file:')) loaded.add(fileURLToPath(url));
  },
});
// Listening starts the port: only once the real worker listens too, or a job sent early is lost.
await import('../../lib/render/pdf/worker.ts');
parentPort.on('message', (msg) => {
  if (msg && msg.graph) parentPort.postMessage({ graph: [...loaded] });
});

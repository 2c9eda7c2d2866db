/**
 * The modules a PDF worker runs, found by following its imports from its entry — so that the
 * render fingerprint covers every file whose change can change a PDF, wherever it lives
 * (lib/document's word breaks, lib/env, the template), not a folder list that goes stale.
 *
 * The worker runs our TypeScript sources through tsx, so the sources are what it runs. The
 * walk reads `import … from`, `export … from`, side-effect imports and `import('…')` with a
 * literal specifier; it resolves relative and `@/` specifiers the way tsx/TypeScript do
 * (extension optional, `.js` naming a `.ts`, `index` files) and records bare ones as packages.
 * It may include a little more than runs (a type-only import, an import in a comment) — that
 * only renews the cache more often — and `module-graph.test.ts` checks against the modules a
 * real worker loads while rendering that it never includes less.
 *
 * The paths are read at run time from the app's own folder: `turbopackIgnore` keeps Next's build
 * from tracing (and copying) the whole project because of them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Where a PDF worker starts (relative to the app root); the pool starts `worker-entry.mjs`. */
export const WORKER_ENTRY = 'lib/render/pdf/worker-entry.mjs';

const SPECIFIERS = [
  /\b(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"\n]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  /\bimport\s+['"]([^'"\n]+)['"]/g,
];
const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.mjs', '.js', '/index.ts', '/index.tsx', '/index.js'];

function isFile(file: string): boolean {
  try {
    return statSync(/*turbopackIgnore: true*/ file).isFile();
  } catch {
    return false;
  }
}

function resolveLocal(base: string): string | undefined {
  for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext;
  // TypeScript's ESM style names the output: `./x.js` for `./x.ts`.
  const js = /\.(m?)js$/.exec(base);
  if (js) for (const ext of js[1] ? ['.mts'] : ['.ts', '.tsx']) if (isFile(base.slice(0, -js[0].length) + ext)) return base.slice(0, -js[0].length) + ext;
  return undefined;
}

/** `@react-pdf/renderer/lib/x` → `@react-pdf/renderer`; `react` → `react`. */
function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export type ModuleGraph = {
  /** Our files the worker may run, relative to the root, sorted. */
  files: string[];
  /** Packages they import by name, sorted (Node's own modules left out). */
  packages: string[];
};

export function workerModuleGraph(root: string, entry = WORKER_ENTRY): ModuleGraph {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [path.join(/*turbopackIgnore: true*/ root, entry)];
  if (!existsSync(/*turbopackIgnore: true*/ queue[0])) throw new Error(`PDF worker entry not found: ${entry}`);
  while (queue.length) {
    const file = queue.pop()!;
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (files.has(rel)) continue;
    files.add(rel);
    const source = readFileSync(/*turbopackIgnore: true*/ file, 'utf8');
    for (const re of SPECIFIERS) {
      for (const m of source.matchAll(re)) {
        const spec = m[1];
        if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0])) continue;
        const local = spec.startsWith('.')
          ? path.resolve(/*turbopackIgnore: true*/ path.dirname(file), spec)
          : spec.startsWith('@/')
            ? path.join(/*turbopackIgnore: true*/ root, spec.slice(2))
            : undefined;
        if (local === undefined) {
          packages.add(packageName(spec));
          continue;
        }
        const resolved = resolveLocal(local);
        if (resolved && !resolved.split(path.sep).includes('node_modules')) queue.push(resolved);
      }
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

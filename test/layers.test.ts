/**
 * The house's layers, kept: a file may import from its own layer and the ones below, never from
 * above. Bottom to top: the statutory template as data → the domain (plain functions over
 * reports) → the database, the renderers, the importer, sign-in → the services → the UI pieces →
 * the routes. A layer above may change without the ones below noticing; an upward import ties
 * them back together (a PDF's cache key that missed a module, a component that pulled a server
 * action in).
 *
 * The eight upward imports there were when this test was written (issue 28) have been turned
 * around; there is no list of exceptions.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');


/**
 * Layer of a file, by its path: the first rule that matches. What a template is (its types and
 * walkers) sits below the template itself; sign-in (lib/auth) reads the database, so it sits
 * above it — but for what a user is (`types.ts`: roles, the session user) and how a password is
 * hashed (`password.ts`), which read nothing and which the domain (who may make a transition)
 * and the demo seed need: they are domain.
 */
const LAYERS: [RegExp, number][] = [
  [/^lib\/template\/(?!registry)/, 0],
  [/^lib\/auth\/(types|password)(\.ts)?$/, 2],
  [/^templates\/|^lib\/template\/registry/, 1],
  [/^lib\/(report|checks|document|grid|compare|summary|insight|review|export|http)\/|^lib\/(validation|errors|log|app-root|env|escape-html|soffice|kept-map)\.ts$/, 2],
  [/^lib\/(db|render|import)\//, 3],
  [/^lib\/auth\//, 4],
  [/^lib\/server\//, 5],
  [/^components\//, 6],
  [/^app\/|^instrumentation\.ts$/, 7],
];

function layerOf(file: string): number | undefined {
  for (const [re, n] of LAYERS) if (re.test(file)) return n;
  return undefined;
}

const SPECIFIER = /\b(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"\n]+)['"]|\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)|\bimport\s+['"]([^'"\n]+)['"]/g;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx|mts|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

/** Where a specifier points inside the project (relative or `@/`), without extension; undefined for a package. */
function target(from: string, spec: string): string | undefined {
  if (spec.startsWith('@/')) return spec.slice(2);
  if (spec.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return undefined;
}

/** Every import that points up a layer, as 「from → to」. */
function upwardImports(): string[] {
  const out: string[] = [];
  for (const file of ['templates', 'lib', 'components', 'app'].flatMap(sources).concat('instrumentation.ts')) {
    const own = layerOf(file);
    for (const m of readFileSync(path.join(root, file), 'utf8').matchAll(SPECIFIER)) {
      const to = target(file, m[1] ?? m[2] ?? m[3]);
      const up = to === undefined ? undefined : (layerOf(to) ?? layerOf(`${to}.ts`) ?? layerOf(`${to}/`));
      if (up !== undefined && own !== undefined && up > own) out.push(`${file} → ${to}`);
    }
  }
  return [...new Set(out)].sort();
}

describe('layers', () => {
  it('no file imports from a layer above its own', () => {
    expect(upwardImports()).toEqual([]);
  });

  it('finds an upward import where there is one (a domain module importing a service)', () => {
    expect(layerOf('lib/report/cells.ts')).toBeLessThan(layerOf('lib/server/reports.ts')!);
    expect(layerOf('components/top-bar.tsx')).toBeLessThan(layerOf('app/login/actions.ts')!);
    // What a user is reads nothing: the domain may name roles; the rest of sign-in sits above the database.
    expect(layerOf('lib/auth/types')).toBe(layerOf('lib/review/transitions.ts'));
    expect(layerOf('lib/auth/session.ts')).toBeGreaterThan(layerOf('lib/db/client.ts')!);
    expect(target('lib/report/x.ts', '../server/reports')).toBe('lib/server/reports');
  });
});

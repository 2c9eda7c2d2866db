/**
 * The house's layers, kept: a file may import from its own layer and the ones below, never from
 * above. Bottom to top: the statutory template as data → the domain (plain functions over
 * reports) → the database, the renderers, the importer, sign-in → the services → the UI pieces →
 * the routes. A layer above may change without the ones below noticing; an upward import ties
 * them back together (a PDF's cache key that missed a module, a component that pulled a server
 * action in).
 *
 * `KNOWN` lists the upward imports that were there when this test was written (issue 28); each
 * is to be turned around. The test fails on any new one, and on a listed one that is gone, so
 * the list only ever shrinks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');


/**
 * Layer of a file, by its path: the first rule that matches. What a template is (its types and
 * walkers) sits below the template itself; sign-in (lib/auth) reads the database, so it sits
 * above it.
 */
const LAYERS: [RegExp, number][] = [
  [/^lib\/template\/(?!registry)/, 0],
  [/^templates\/|^lib\/template\/registry/, 1],
  [/^lib\/(report|checks|document|grid|compare|summary|insight|review|export|http)\/|^lib\/(validation|errors|log|app-root|env|escape-html)\.ts$/, 2],
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

const KNOWN: string[] = [
  'components/top-bar.tsx → app/login/actions',
  'lib/db/seed-province.ts → lib/auth/password',
  'lib/db/seed.ts → lib/auth/password',
  'lib/document/tables.ts → lib/render/page-layout',
  'lib/review/transitions.ts → lib/auth/types',
];

describe('layers', () => {
  it('no file imports from a layer above its own, but those listed to be turned around', () => {
    const found = upwardImports();
    expect(found.filter((f) => !KNOWN.includes(f)), 'new upward imports').toEqual([]);
    expect(KNOWN.filter((k) => !found.includes(k)), 'turned around: take them off KNOWN').toEqual([]);
  });

  it('finds an upward import where there is one (a domain module importing a service)', () => {
    expect(layerOf('lib/report/cells.ts')).toBeLessThan(layerOf('lib/server/reports.ts')!);
    expect(layerOf('components/top-bar.tsx')).toBeLessThan(layerOf('app/login/actions.ts')!);
    expect(target('lib/report/x.ts', '../server/reports')).toBe('lib/server/reports');
  });
});

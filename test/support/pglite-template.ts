/**
 * The migrated PGlite template made by the global setup (./global-setup.ts), as the tests use it:
 * `empty` is migrated only; `demo` also holds the demo district and accounts.
 */
import { cpSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';

export type TemplatePaths = { dir: string; empty: string; demo: string };

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: TemplatePaths;
  }
}

const blobs = new Map<string, Blob>();

/** The dump to open a test database from (`loadDataDir`). */
export function templateDump(demo: boolean): Blob {
  const file = inject('pgliteTemplate')[demo ? 'demo' : 'empty'];
  if (!blobs.has(file)) blobs.set(file, new Blob([readFileSync(file)]));
  return blobs.get(file)!;
}

/** A fresh PGlite folder at `dataDir`, migrated and empty, for code that opens a folder itself. */
export function copyTemplateDir(dataDir: string): void {
  cpSync(inject('pgliteTemplate').dir, dataDir, { recursive: true });
}

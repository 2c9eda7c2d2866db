/**
 * Vitest's global setup: one migrated PGlite database for all the tests, kept between runs while
 * migrations, seed and PGlite stay the same. A fresh PGlite runs initdb and every migration,
 * which takes seconds; loading a dump of the result (./pglite-template.ts) takes a fraction.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { TemplatePaths } from './pglite-template';

export default async function setup(project: TestProject) {
  project.provide('pgliteTemplate', await makeTemplates());
}

const ROOT = path.resolve(import.meta.dirname, '../..');
/** What a template is made from: when any of it changes, a new template is made. */
const SOURCES = ['drizzle', 'lib/db/schema.ts', 'lib/db/seed.ts', 'lib/db/client.ts', 'lib/auth/password.ts', 'node_modules/@electric-sql/pglite/package.json'];

function sourceHash(): string {
  const h = createHash('sha256');
  const add = (p: string) => {
    const full = path.join(ROOT, p);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const e of readdirSync(full, { recursive: true, withFileTypes: true })) {
        if (e.isFile()) add(path.relative(ROOT, path.join(e.parentPath, e.name)));
      }
      return;
    }
    h.update(p).update(readFileSync(full));
  };
  SOURCES.forEach(add);
  return h.digest('hex').slice(0, 16);
}

/** Makes the templates unless this version exists already; called once, by the global setup. */
export async function makeTemplates(): Promise<TemplatePaths> {
  const dir = path.join(ROOT, 'node_modules/.cache/nianbao-test', `pglite-${sourceHash()}`);
  const paths = { dir: path.join(dir, 'empty-dir'), empty: path.join(dir, 'empty.tar'), demo: path.join(dir, 'demo.tar') };
  if (existsSync(paths.demo)) return paths;
  const { openDb } = await import('../../lib/db/client');
  const { seedDemo } = await import('../../lib/db/seed');
  const work = `${dir}.${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const dump = async (h: Awaited<ReturnType<typeof openDb>>, file: string) => {
    const client = (h.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    writeFileSync(path.join(work, file), Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  };
  const onDisk = await openDb({ dataDir: path.join(work, 'empty-dir') });
  await dump(onDisk, 'empty.tar');
  await seedDemo(onDisk.db);
  await dump(onDisk, 'demo.tar');
  await onDisk.close();
  // The folder copy is the migrated, empty one: made again from its dump.
  rmSync(path.join(work, 'empty-dir'), { recursive: true, force: true });
  const empty = await openDb({ dataDir: path.join(work, 'empty-dir'), loadDataDir: new Blob([readFileSync(path.join(work, 'empty.tar'))]) });
  await empty.close();
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  return paths;
}


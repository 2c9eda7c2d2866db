/**
 * An upgrade: a newer release started on a data folder an older one made migrates it, keeps
 * its rows, and first saves the folder as it was (PGlite's dump, restorable by loading it).
 * The older release is this one's migrations without the newest (drizzle/ copied, journal cut).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { appRoot } from '../../lib/app-root';
import { backUpBeforeMigration, openDb } from '../../lib/db/client';

const work = mkdtempSync(path.join(tmpdir(), 'nianbao-upgrade-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** drizzle/ as the release before the newest migration had it. */
function previousRelease(): string {
  const folder = path.join(work, 'drizzle-previous');
  cpSync(path.join(appRoot(), 'drizzle'), folder, { recursive: true });
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries.pop();
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

const migrations = async (c: PGlite) => Number((await c.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations')).rows[0].n);

describe('upgrade of a PGlite data folder', () => {
  it('backs the folder up, migrates it and keeps its rows', async () => {
    const dataDir = path.join(work, 'data/pglite');
    mkdirSync(dataDir, { recursive: true });
    const old = new PGlite({ dataDir });
    await migrate(drizzle({ client: old }), { migrationsFolder: previousRelease() });
    const before = await migrations(old);
    await old.query(`insert into agencies (name) values ('文峰区')`);
    await old.close();

    const h = await openDb({ dataDir });
    await h.close();

    const backups = readdirSync(path.join(work, 'data/backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^before-migration-.*\.tar\.gz$/);

    const upgraded = new PGlite({ dataDir });
    expect(await migrations(upgraded)).toBe(before + 1);
    expect((await upgraded.query<{ name: string }>('select name from agencies')).rows).toEqual([{ name: '文峰区' }]);
    await upgraded.close();

    // The backup is the folder as the older release left it.
    const blob = new Blob([readFileSync(path.join(work, 'data/backups', backups[0]))]);
    const restored = new PGlite({ loadDataDir: blob });
    expect(await migrations(restored)).toBe(before);
    expect((await restored.query<{ name: string }>('select name from agencies')).rows).toEqual([{ name: '文峰区' }]);
    await restored.close();
  }, 120_000);

  it('writes nothing for a new database or one already up to date', async () => {
    const dataDir = path.join(work, 'fresh/pglite');
    const h = await openDb({ dataDir });
    await h.close();
    const again = await openDb({ dataDir });
    await again.close();
    expect(existsSync(path.join(work, 'fresh/backups'))).toBe(false);
    const c = new PGlite();
    expect(await backUpBeforeMigration(c, path.join(work, 'empty/pglite'))).toBeNull();
    await c.close();
  }, 120_000);
});

/**
 * The app's own database handle (getDb) when an upgrade's copy cannot be written: the start is
 * refused, the log says why, and the refusal stays until a restart — the next request neither
 * writes another copy nor migrates, even once the folder could be written. (Its own module graph:
 * lib/env.ts keeps what it read, getDb its handle; vitest.config.ts OWN_MODULES.)
 */
import { afterAll, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { appRoot } from '../../lib/app-root';

const dataDir = mkdtempSync(path.join(tmpdir(), 'nianbao-upgrade-refused-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('stays refused until a restart, the data folder as the older release left it', async () => {
  const fixtures = path.join(appRoot(), 'test/fixtures/upgrade');
  const dump = readFileSync(path.join(fixtures, readdirSync(fixtures).find((n) => n.endsWith('.sql'))!), 'utf8');
  const folder = path.join(dataDir, 'pglite');
  const old = new PGlite({ dataDir: folder });
  await old.exec(dump);
  const applied = async (c: PGlite) => (await c.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations')).rows[0].n;
  const before = await applied(old);
  await old.close();

  process.env.NIANBAO_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.NIANBAO_MIGRATION_BACKUP;
  const backups = path.join(dataDir, 'backups');
  writeFileSync(backups, ''); // where the folder would go
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const { getDb } = await import('../../lib/db/client');
    const { MigrationBackupError } = await import('../../lib/errors');
    // What a request finds (not the handle itself: a diff of it would be enormous).
    const request = () => getDb().then(
      () => 'opened and migrated',
      (e: unknown) => e,
    );
    expect(await request()).toBeInstanceOf(MigrationBackupError);
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/^nianbao: 数据库结构需要升级，但升级前的自动备份没有写成（该位置已有同名文件）/)]);

    rmSync(backups);
    expect(await request()).toBeInstanceOf(MigrationBackupError);
    expect(readdirSync(dataDir)).toEqual(['pglite']);
  } finally {
    errors.mockRestore();
  }
  const after = new PGlite({ dataDir: folder });
  expect(await applied(after)).toBe(before);
  await after.close();
}, 60_000);

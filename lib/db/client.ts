/**
 * The database connection: embedded PGlite in a folder (default: nothing to set up) or a
 * PostgreSQL server when DATABASE_URL is set. Committed migrations (drizzle/) are applied on
 * open, then the demo agencies and accounts are created on a first start.
 */
import { appRoot } from '../app-root';
import path from 'node:path';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { env, type DemoKind, type Env } from '../env';
import { MigrationBackupError } from '../errors';
import * as schema from './schema';
import { lockDataDir } from './pglite-lock';
import { describeSummary, exportDatabase } from './transfer';
import { seedDemo } from './seed';
import { seedProvince } from './seed-province';

function seedFor(demo: OpenOptions['demo']): ((db: Db) => Promise<unknown>) | null {
  return demo === 'province' ? seedProvince : demo ? seedDemo : null;
}

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbHandle = { db: Db; kind: 'pglite' | 'postgres'; close(): Promise<void> };

export type OpenOptions = {
  /** A PostgreSQL server; otherwise PGlite. */
  url?: string;
  /** PGlite's folder; absent: in memory (tests). */
  dataDir?: string;
  /** Create the demo district, offices and accounts when the database is empty (`true` or
   *  `'district'`), or the province-sized demo tree (`'province'`, ./seed-province.ts). */
  demo?: boolean | DemoKind;
  /** PGlite: start from this dump (`dumpDataDir()`) of a database instead of an empty one —
   *  the tests migrate one template and copy it, rather than migrating every database. */
  loadDataDir?: Blob;
  /**
   * An upgrade — this release started on a database an older one made, with migrations to apply —
   * first writes a copy of the database into this folder (see `backUpBeforeMigration`). PGlite:
   * by default `backups/` beside its folder; PostgreSQL: no default, and without a folder an
   * upgrade is refused (the app and the CLI pass `$NIANBAO_DATA_DIR/backups`, `migrationBackupDir`).
   * `false` migrates without a copy (NIANBAO_MIGRATION_BACKUP=0).
   */
  migrationBackup?: string | false;
};

const MIGRATIONS = path.join(appRoot(), 'drizzle');
/** Any constant: several app instances starting at once on one server migrate one at a time. */
const MIGRATION_LOCK = 7_240_2026;

export async function openDb(options: OpenOptions): Promise<DbHandle> {
  if (options.url) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const pool = new Pool({ connectionString: options.url, max: 10 });
    // An idle connection dropped by the server (restart, failover) is an event, not a crash:
    // the pool replaces it on the next query.
    pool.on('error', (e) => console.error(`PostgreSQL 连接中断：${e.message}`));
    const client = await pool.connect().catch(async (e: unknown) => {
      await pool.end().catch(() => undefined);
      throw e;
    });
    let opened = false;
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const locked = drizzle({ client, schema });
      // Inside the lock: of several instances starting at once, the one that migrates backs up.
      await backUpBeforeMigration({ kind: 'postgres', db: locked as unknown as Db, query: async (text) => (await client.query(text)).rows }, options.migrationBackup);
      await migrate(locked, { migrationsFolder: MIGRATIONS });
      await seedFor(options.demo)?.(locked as unknown as Db);
      opened = true;
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
      // A refused or failed start leaves no idle connections behind (a CLI command would wait for them).
      if (!opened) await pool.end().catch(() => undefined);
    }
    return { db: drizzle({ client: pool, schema }) as unknown as Db, kind: 'postgres', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const unlock = options.dataDir ? lockDataDir(path.resolve(options.dataDir)) : () => {};
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  try {
    const db = drizzle({ client, schema });
    if (options.dataDir) {
      const dir = options.migrationBackup ?? path.join(path.dirname(path.resolve(options.dataDir)), 'backups');
      await backUpBeforeMigration({ kind: 'pglite', client, query: async (text) => (await client.query<Record<string, unknown>>(text)).rows }, dir);
    }
    await migrate(db, { migrationsFolder: MIGRATIONS });
    await seedFor(options.demo)?.(db as unknown as Db);
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        unlock();
      },
    };
  } catch (e) {
    await client.close().catch(() => undefined);
    unlock();
    throw e;
  }
}

/** The newest migration of this release (drizzle/meta/_journal.json): drizzle applies every one newer than the database's last. */
function newestMigration(folder = MIGRATIONS): number {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

type Target =
  | { kind: 'pglite'; client: import('@electric-sql/pglite').PGlite; query: Query }
  | { kind: 'postgres'; db: Db; query: Query };
type Query = (text: string) => Promise<Record<string, unknown>[]>;

/**
 * Whether starting this release is an upgrade: the database was made by an older release (it
 * has applied migrations) and lacks some of this release's. A new, empty database is not one.
 */
export async function upgradePending(query: Query, folder = MIGRATIONS): Promise<boolean> {
  const [exists] = await query(`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists?.t) return false;
  const [row] = await query('select max(created_at)::text as last from drizzle.__drizzle_migrations');
  const last = row?.last;
  return last !== null && last !== undefined && Number(last) < newestMigration(folder);
}

/**
 * An upgrade (a newer release started on an older database) is about to migrate it: first the
 * database is saved, as it is, into `dir` (`$NIANBAO_DATA_DIR/backups`, beside the daily backups):
 * - PGlite: the whole folder, as PGlite's own dump, `before-migration-<time>.tar.gz`; restoring
 *   it is unpacking it into an empty `pglite/` folder.
 * - PostgreSQL: the installation in the backup format (lib/db/transfer.ts, read as the database
 *   holds it — the older release's tables and columns), `before-migration-<time>.ndjson.gz`;
 *   restoring it is `nianbao restore` of the older release into an empty database. No pg_dump
 *   needed.
 * The log says where. A new database and an up-to-date one write nothing (returns null). When the
 * copy cannot be written the start is refused (MigrationBackupError) and nothing is migrated,
 * unless `dir` is `false` (NIANBAO_MIGRATION_BACKUP=0: the operator has a copy of their own).
 */
export async function backUpBeforeMigration(target: Target, dir: string | false | undefined, folder = MIGRATIONS): Promise<string | null> {
  if (!(await upgradePending(target.query, folder))) return null;
  if (dir === false) {
    console.log('nianbao: 数据库结构将升级；已按 NIANBAO_MIGRATION_BACKUP=0 的设置跳过升级前的自动备份');
    return null;
  }
  if (dir === undefined) throw new MigrationBackupError('数据库结构需要升级，但没有指定升级前备份的目录，未作任何改动');
  const file = path.join(dir, `before-migration-${new Date().toISOString().replaceAll(':', '-')}.${target.kind === 'pglite' ? 'tar.gz' : 'ndjson.gz'}`);
  const started = Date.now();
  let summary = '';
  try {
    mkdirSync(dir, { recursive: true });
    if (target.kind === 'pglite') {
      writeFileSync(file, Buffer.from(await (await target.client.dumpDataDir('gzip')).arrayBuffer()));
    } else {
      console.log(`nianbao: 数据库结构将升级，正在备份升级前的数据到 ${file} …`);
      summary = `：${describeSummary(await exportDatabase(target.db, file, { source: 'postgres', asStored: true }))}`;
    }
  } catch (e) {
    try {
      rmSync(file, { force: true });
    } catch {
      // The folder itself could not be made: there is no file to remove.
    }
    const reasons: Record<string, string> = { ENOSPC: '磁盘空间不足', EACCES: '没有写入权限', EROFS: '目录只读', EEXIST: '该位置已有同名文件', ENOTDIR: '路径中有同名文件' };
    const reason = reasons[(e as NodeJS.ErrnoException).code ?? ''] ?? (e as Error).message;
    throw new MigrationBackupError(
      `数据库结构需要升级，但升级前的自动备份没有写成（${reason}），数据库未作任何改动。` +
        `请检查 ${dir} 的磁盘空间和写入权限后重新启动服务（或重新执行命令）；如已用其他方式备份，可设 NIANBAO_MIGRATION_BACKUP=0 跳过这次自动备份。`,
    );
  }
  console.log(`nianbao: 数据库结构将升级，升级前的数据已备份到 ${file}${summary}（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  return file;
}

/** Where the app and the CLI write the backup before a migration, or false (NIANBAO_MIGRATION_BACKUP=0). */
export function migrationBackupDir(e: Env = env()): string | false {
  return e.migrationBackup ? path.resolve(e.dataDir, 'backups') : false;
}

// One connection per process, kept on globalThis so that Next's module reloading in
// development never opens the same PGlite folder twice (which would corrupt it).
const g = globalThis as unknown as { __nianbaoDb?: Promise<DbHandle> };

export function getDb(): Promise<Db> {
  if (!g.__nianbaoDb) {
    const e = env();
    g.__nianbaoDb = openDb({
      url: e.databaseUrl,
      dataDir: e.databaseUrl ? undefined : path.resolve(e.dataDir, 'pglite'),
      demo: e.demo,
      migrationBackup: migrationBackupDir(e),
    });
    // A failed open must not be cached: the next request tries again — except a refused
    // upgrade, which stays refused until the operator has fixed the backup folder and restarts
    // (every request would otherwise write, and fail to write, another copy).
    g.__nianbaoDb.catch((e) => {
      if (e instanceof MigrationBackupError) console.error(`nianbao: ${e.message}`);
      else g.__nianbaoDb = undefined;
    });
  }
  return g.__nianbaoDb.then((h) => h.db);
}

/**
 * The database connection: embedded PGlite in a folder (default: nothing to set up) or a
 * PostgreSQL server when DATABASE_URL is set. Committed migrations (drizzle/) are applied on
 * open, then the demo agencies and accounts are created on a first start.
 */
import { appRoot } from '../app-root';
import path from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { env, type DemoKind } from '../env';
import * as schema from './schema';
import { lockDataDir } from './pglite-lock';
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
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const locked = drizzle({ client, schema });
      await migrate(locked, { migrationsFolder: MIGRATIONS });
      await seedFor(options.demo)?.(locked as unknown as Db);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
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
    if (options.dataDir) await backUpBeforeMigration(client, options.dataDir);
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

/**
 * An upgrade (a newer release started on an older data folder) is about to migrate the
 * database: first the whole folder is saved, as PGlite's own dump of it, to
 * `<NIANBAO_DATA_DIR>/backups/before-migration-<time>.tar.gz` (beside the daily backups). A new
 * database (no migration applied yet) and an up-to-date one write nothing. Returns the file.
 * Restoring it is unpacking it into an empty pglite folder (安装说明.md, 升级).
 */
export async function backUpBeforeMigration(client: import('@electric-sql/pglite').PGlite, dataDir: string, folder = MIGRATIONS): Promise<string | null> {
  const exists = await client.query<{ t: string | null }>(`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists.rows[0]?.t) return null;
  const last = (await client.query<{ last: string | null }>('select max(created_at)::text as last from drizzle.__drizzle_migrations')).rows[0]?.last;
  if (last === null || last === undefined || Number(last) >= newestMigration(folder)) return null;
  const dir = path.join(path.dirname(path.resolve(dataDir)), 'backups');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `before-migration-${new Date().toISOString().replaceAll(':', '-')}.tar.gz`);
  writeFileSync(file, Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer()));
  console.log(`nianbao: 数据库结构将升级，升级前的数据已备份到 ${file}`);
  return file;
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
    });
    // A failed open must not be cached: the next request tries again.
    g.__nianbaoDb.catch(() => (g.__nianbaoDb = undefined));
  }
  return g.__nianbaoDb.then((h) => h.db);
}

/**
 * The databases the integration suites run on: embedded PGlite always (each database a copy of
 * one migrated template), and a PostgreSQL server only when TEST_DATABASE_URL names one — never
 * whatever happens to answer on 5432. Each PostgreSQL run gets a fresh database of its own,
 * created under that server and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type DbHandle } from '../../lib/db/client';
import { templateDump } from './pglite-template';

/** `demo: false` opens an empty database (default: with the demo district). */
export type OpenedBackend = DbHandle & {
  drop(): Promise<void>;
  /** PostgreSQL only: the database's URL, for a second connection pool (a second app instance). */
  url?: string;
};
export type Backend = { name: string; open(opts?: { demo?: boolean }): Promise<OpenedBackend> };

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function backends(): Promise<Backend[]> {
  const list: Backend[] = [
    {
      name: 'PGlite',
      async open({ demo = true } = {}) {
        const h = await openDb({ demo, loadDataDir: templateDump(demo) });
        return { ...h, drop: () => h.close() };
      },
    },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return list;
  if (!(await reachable(url))) throw new Error(`TEST_DATABASE_URL is set but PostgreSQL does not answer at ${url}`);
  list.push({
    name: 'PostgreSQL',
    async open({ demo = true } = {}) {
      const created = await createDatabase(url);
      const h = await openDb({ url: created.url, demo });
      return {
        ...h,
        url: created.url,
        async drop() {
          await h.close();
          await created.drop();
        },
      };
    },
  });
  return list;
}

/** An empty database of its own on the PostgreSQL server `url` names (nothing migrated), and how to drop it. */
export async function createDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `nianbao_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    url: dbUrl.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

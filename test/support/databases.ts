/**
 * The databases the integration suites run on: embedded PGlite always, and a PostgreSQL server
 * when one answers (TEST_DATABASE_URL, or the local default). Each PostgreSQL run gets a fresh
 * database of its own, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type DbHandle } from '../../lib/db/client';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

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
        const h = await openDb({ demo });
        return { ...h, drop: () => h.close() };
      },
    },
  ];
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  if (await reachable(url)) {
    list.push({
      name: 'PostgreSQL',
      async open({ demo = true } = {}) {
        const name = `nianbao_test_${randomBytes(6).toString('hex')}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        const dbUrl = new URL(url);
        dbUrl.pathname = `/${name}`;
        const h = await openDb({ url: dbUrl.toString(), demo });
        return {
          ...h,
          url: dbUrl.toString(),
          async drop() {
            await h.close();
            const a = new pg.Client({ connectionString: url });
            await a.connect();
            await a.query(`drop database if exists ${name} with (force)`);
            await a.end();
          },
        };
      },
    });
  } else if (process.env.TEST_DATABASE_URL) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL does not answer at ${url}`);
  } else {
    console.warn(`PostgreSQL not reachable at ${url}: the integration suites run on PGlite only.`);
  }
  return list;
}

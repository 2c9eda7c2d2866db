/**
 * What the province benchmarks share (bench/summary.ts, bench/insight.ts): a scratch
 * PostgreSQL database (dropped afterwards) or an in-memory PGlite, a reviewer at a named
 * agency, and timing with a warm-up run. The province itself is lib/db/seed-province.ts.
 *
 * Settings (env): SUMMARY_PG_URL (default LOAD_PG_URL or
 * postgres://postgres@127.0.0.1:5432/postgres; unreachable: PostgreSQL skipped).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { openDb, type DbHandle } from '../lib/db/client';
import { agencies } from '../lib/db/schema';
import type { SessionUser } from '../lib/auth/types';

export const PG_URL = process.env.SUMMARY_PG_URL ?? process.env.LOAD_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1500 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Whether the PostgreSQL server at PG_URL answers. */
export const postgresReachable = (): Promise<boolean> => admin(async () => true).catch(() => false);

export type Opened = { h: DbHandle; drop(): Promise<void> };

export async function openPostgres(): Promise<Opened> {
  const name = `nianbao_bench_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const h = await openDb({ url: url.toString() });
  return {
    h,
    async drop() {
      await h.close();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

export async function openPglite(): Promise<Opened> {
  const h = await openDb({});
  return { h, drop: () => h.close() };
}

/** A reviewer at the agency named (no account: the services take the session's user). */
export const reviewerAt = async (h: DbHandle, name: string): Promise<SessionUser> => {
  const [a] = await h.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, name));
  return { id: randomUUID(), username: 'bench', displayName: 'bench', role: 'reviewer', agencyId: a.id, agencyName: name };
};

/** `runs` timings of `fn` in ms, after one run to warm plans and caches; `before` each, untimed. */
export async function time(fn: () => Promise<unknown>, runs: number, before?: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

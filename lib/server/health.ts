/**
 * GET /healthz: is this instance able to serve — for a monitor, nginx, or the administrator
 * after `systemctl start`. Tiny, anonymous and free of report data: the database answers a
 * `select 1` (within HEALTH_DB_TIMEOUT_MS), the PDF pool's worker threads, the version.
 * 503 when the database does not answer; the PDF pool is reported, not judged (its workers
 * start with the warm-up and a crashed one is replaced by the next job).
 *
 * Cheap under any rate of asking: one probe is shared by every request of the next
 * HEALTH_CACHE_MS (a flood costs one query per second at most), and the route limits each
 * address (lib/http/rate-limit.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { appRoot } from '../app-root';
import type { Db } from '../db/client';
import type { PdfPool } from '../render/pdf';

export const HEALTH_DB_TIMEOUT_MS = 3_000;
export const HEALTH_CACHE_MS = 1_000;

export type Health = {
  status: 'ok' | 'unavailable';
  database: 'ok' | 'unreachable';
  pdfWorkers: number;
  version: string;
};

export type HealthParts = { db: () => Promise<Db>; pool: () => PdfPool; now?: () => number };

let version: string | undefined;
/** nianbao's version, from its package.json. */
export function appVersion(): string {
  return (version ??= (JSON.parse(readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version);
}

async function databaseAnswers(db: () => Promise<Db>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const probe = (async () => {
    await (await db()).execute(sql`select 1`);
    return true;
  })().catch(() => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A probe shared by the requests of HEALTH_CACHE_MS; a new one after that. */
export function createHealthCheck(parts: HealthParts, opts: { timeoutMs?: number; cacheMs?: number } = {}): () => Promise<Health> {
  const now = parts.now ?? Date.now;
  let last: { at: number; health: Promise<Health> } | undefined;
  return () => {
    if (last && now() - last.at < (opts.cacheMs ?? HEALTH_CACHE_MS)) return last.health;
    const health = (async (): Promise<Health> => {
      const ok = await databaseAnswers(parts.db, opts.timeoutMs ?? HEALTH_DB_TIMEOUT_MS);
      return { status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'unreachable', pdfWorkers: parts.pool().workers(), version: appVersion() };
    })();
    last = { at: now(), health };
    return health;
  };
}

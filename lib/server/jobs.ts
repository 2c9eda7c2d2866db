/**
 * A small job queue in the application's own database (table `jobs`), the same on embedded
 * PGlite and on PostgreSQL with several app instances. Why not pg-boss or graphile-worker:
 * ARCHITECTURE.md, 「Background jobs」.
 *
 * - One row per (kind, key): enqueueing the same key again finds the row (a finished one is
 *   armed again), so a report version has one job however often it is asked for.
 * - A worker takes the oldest due job with `for update skip locked` in one statement and holds
 *   it under a lease; two workers (two instances) never take the same job, and a job whose
 *   worker died is taken again once its lease has run out.
 * - A failed run is retried after a growing pause (`backoffMs`) until `max_attempts`; then the
 *   job is `failed`. Only the error's kind and codes are kept (describeError), never its message,
 *   which could quote a report.
 * - Jobs are rows: they survive a restart and a crash. A finished job's row is kept
 *   DONE_JOBS_KEPT_DAYS (a re-approval of the same version finds it), a failed one
 *   FAILED_JOBS_KEPT_DAYS (someone may ask why a PDF was not ready); then the idle worker deletes it.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { jobs } from '../db/schema';
import { describeError, logError } from '../log';

export type JobRow = { id: number; kind: string; key: string; payload: Record<string, unknown>; attempts: number; maxAttempts: number };
export type JobHandler = (payload: Record<string, unknown>, job: JobRow) => Promise<void>;

/** How long a taken job is its worker's before another may take it (a render takes seconds). */
export const DEFAULT_LEASE_MS = 5 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 5;
/** How long finished jobs' rows stay before the worker deletes them: one per approved version would otherwise pile up for ever. */
export const DONE_JOBS_KEPT_DAYS = 7;
export const FAILED_JOBS_KEPT_DAYS = 90;
/** The idle worker prunes at most this often. */
const PRUNE_EVERY_MS = 60 * 60_000;

/** 30 s, 1 min, 2 min, … up to an hour after the n-th failed attempt. */
export function defaultBackoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

type Executor = Pick<Db, 'execute'>;

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Makes sure the job (kind, key) is queued or running: a new row, nothing when it is queued or
 * running already, or the finished row armed again. Works inside a transaction (`tx`), so the
 * change that asks for the job and the job commit together.
 */
export async function enqueueJob(
  db: Executor,
  kind: string,
  key: string,
  payload: Record<string, unknown>,
  opts: { maxAttempts?: number } = {},
): Promise<void> {
  await db.execute(sql`
    insert into ${jobs} (kind, key, payload, max_attempts)
    values (${kind}, ${key}, ${JSON.stringify(payload)}::jsonb, ${opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS})
    on conflict (kind, key) do update
      set state = 'queued', attempts = 0, run_after = now(), last_error = null, finished_at = null,
          leased_until = null, leased_by = null, payload = excluded.payload
      where ${jobs.state} in ('done', 'failed')`);
}

type RawJob = { id: string | number; kind: string; key: string; payload: Record<string, unknown>; attempts: number; max_attempts: number };

/**
 * Takes the oldest due job of these kinds for `worker`, or null: a queued job whose time has
 * come, or a running one whose lease ran out (its worker died) with attempts left. Another
 * worker's job is skipped, not waited for.
 */
export async function claimJob(db: Db, worker: string, kinds: string[], leaseMs = DEFAULT_LEASE_MS): Promise<JobRow | null> {
  // A job whose worker died on its last attempt fails here rather than running once more.
  await db.execute(sql`
    update ${jobs} set state = 'failed', finished_at = now(), leased_until = null,
      last_error = coalesce(last_error || ' / ', '') || 'lease expired'
    where state = 'running' and leased_until < now() and attempts >= max_attempts`);
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const result = await db.execute(sql`
    update ${jobs} set state = 'running', attempts = attempts + 1, leased_by = ${worker},
      leased_until = now() + ${leaseMs}::double precision * interval '1 millisecond'
    where id = (
      select id from ${jobs}
      where kind in (${kindList})
        and ((state = 'queued' and run_after <= now()) or (state = 'running' and leased_until < now()))
      order by run_after, id
      limit 1
      for update skip locked)
    returning id, kind, key, payload, attempts, max_attempts`);
  const [r] = rows<RawJob>(result);
  if (!r) return null;
  return { id: Number(r.id), kind: r.kind, key: r.key, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts };
}

/** Marks the job done; false when it is no longer this worker's (its lease ran out and another took it). */
export async function completeJob(db: Db, job: JobRow, worker: string): Promise<boolean> {
  const result = await db.execute(sql`
    update ${jobs} set state = 'done', finished_at = now(), leased_until = null, last_error = null
    where id = ${job.id} and state = 'running' and leased_by = ${worker} and attempts = ${job.attempts}
    returning id`);
  return rows(result).length > 0;
}

/** Records a failed attempt: queued again after `backoffMs`, or failed for good after the last attempt. */
export async function failJob(db: Db, job: JobRow, worker: string, error: unknown, backoffMs = defaultBackoffMs): Promise<void> {
  const last = job.attempts >= job.maxAttempts;
  const reason = describeError(error).split('\n')[0];
  await db.execute(sql`
    update ${jobs} set
      state = ${last ? 'failed' : 'queued'},
      run_after = now() + ${last ? 0 : backoffMs(job.attempts)}::double precision * interval '1 millisecond',
      finished_at = ${last ? sql`now()` : sql`null`},
      leased_until = null, leased_by = null, last_error = ${reason}
    where id = ${job.id} and state = 'running' and leased_by = ${worker} and attempts = ${job.attempts}`);
}

/** Deletes the rows of jobs finished long enough ago (queued and running ones are never touched); returns how many. */
export async function pruneFinishedJobs(db: Executor, now = new Date()): Promise<number> {
  const result = await db.execute(sql`
    delete from ${jobs}
    where (state = 'done' and finished_at < ${now.toISOString()}::timestamptz - ${DONE_JOBS_KEPT_DAYS} * interval '1 day')
       or (state = 'failed' and finished_at < ${now.toISOString()}::timestamptz - ${FAILED_JOBS_KEPT_DAYS} * interval '1 day')
    returning id`);
  return rows(result).length;
}

export type WorkerOptions = {
  handlers: Record<string, JobHandler>;
  leaseMs?: number;
  backoffMs?: (attempts: number) => number;
  /** How often an idle worker looks for new jobs (another instance may have queued them). */
  pollMs?: number;
  /** Identifies the worker in `leased_by` (default: host, process, random). */
  name?: string;
  /** Called when the loop finds nothing due after running `jobs` jobs (their failures included) since it was last idle. */
  onIdle?: (jobs: number, ms: number) => void;
};

export function workerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Takes and runs one job; false when none was due. */
export async function runOneJob(db: Db, opts: WorkerOptions & { name: string }): Promise<boolean> {
  const job = await claimJob(db, opts.name, Object.keys(opts.handlers), opts.leaseMs);
  if (!job) return false;
  try {
    await opts.handlers[job.kind](job.payload, job);
  } catch (e) {
    await failJob(db, job, opts.name, e, opts.backoffMs);
    return true;
  }
  await completeJob(db, job, opts.name);
  return true;
}

/** Runs due jobs until none is left (tests, bench); returns how many were taken. */
export async function drainJobs(db: Db, opts: WorkerOptions): Promise<number> {
  const name = opts.name ?? workerName();
  let n = 0;
  while (await runOneJob(db, { ...opts, name })) n++;
  return n;
}

export type JobWorker = { stop(): Promise<void>; nudge(): void };

/**
 * A loop that runs one job at a time until stopped, and sleeps `pollMs` when nothing is due
 * (`nudge` wakes it at once: a job queued by this process). An error of the queue itself
 * (database gone) is logged and the loop goes on after the pause.
 */
export function startJobWorker(db: Db, opts: WorkerOptions): JobWorker {
  const name = opts.name ?? workerName();
  const pollMs = opts.pollMs ?? 10_000;
  let stopped = false;
  let wake: (() => void) | null = null;
  const sleep = () =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, pollMs);
      t.unref?.();
      function done() {
        clearTimeout(t);
        wake = null;
        resolve();
      }
      wake = done;
    });
  const loop = (async () => {
    let busy = 0;
    let since = 0;
    let prunedAt = -Infinity;
    while (!stopped) {
      let ran = false;
      const started = performance.now();
      try {
        ran = await runOneJob(db, { ...opts, name });
      } catch (e) {
        logError('jobs', e);
      }
      if (ran) {
        if (busy++ === 0) since = started;
        continue;
      }
      if (busy) opts.onIdle?.(busy, performance.now() - since);
      busy = 0;
      if (performance.now() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = performance.now();
        await pruneFinishedJobs(db).catch((e) => logError('jobs', e));
      }
      if (!stopped) await sleep();
    }
  })();
  return {
    nudge: () => wake?.(),
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

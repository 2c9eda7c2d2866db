/**
 * Load: N filers autosaving (every 1–2 s by default, each with the version its last save
 * returned) and M reviewers opening report pages and downloading PDFs, against the production
 * build on a fresh PostgreSQL database, served by one or more app instances (requests alternate
 * between them, as a balancer's round robin). Reports p50/p95 per kind, errors, and lost saves:
 * afterwards each report's version must be 1 + its successful saves, and its content the last
 * one saved.
 *
 * Loopback only, bounded in time, stops by itself. In `npm run bench` as `load` (one instance,
 * 50 filers) and `instances` (two instances; 50, 200 and 500 filers autosaving every 3 s, 10
 * reviewers). Alone: NEXT_DIST_DIR=.next npx tsx bench/load.ts
 * Settings (env): LOAD_SECONDS (60), LOAD_FILERS (50), LOAD_REVIEWERS (5), LOAD_PORT (3261; the
 * i-th instance listens on LOAD_PORT + i), LOAD_INSTANCES (1), LOAD_SAVE_EVERY_S (unset: 1–2 s),
 * LOAD_PG_URL (postgres://postgres@127.0.0.1:5432/postgres, trust auth), NEXT_DIST_DIR (.next),
 * LOAD_PDF (1; 0: reviewers open pages only), LOAD_REVIEWER_READS_S (0: back to back; else a
 * reviewer reads each page and PDF for 0.5–1.5× that many seconds), LOAD_NODE_ARGS (extra node
 * arguments for the instances, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`); for `instances`,
 * LOAD_STEPS (50,200,500) and LOAD_STRESS (1; 0 skips the back-to-back step).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import { eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { z } from '../lib/validation';
import { openDb } from '../lib/db/client';
import { agencies, reports, users } from '../lib/db/schema';
import { hashPassword } from '../lib/auth/password';
import { createSession, SESSION_COOKIE } from '../lib/auth/session';
import type { SessionUser } from '../lib/auth/types';
import { createReport } from '../lib/server/reports';
import type { Report } from '../lib/report/types';
import { consistentReport } from '../test/support/generate';
import { printResults, summarize, type BenchResult } from './stats';

const ZConfig = z.object({
  seconds: z.coerce.number().positive().max(600).default(60),
  filers: z.coerce.number().int().min(1).max(2000).default(50),
  reviewers: z.coerce.number().int().min(0).max(20).default(5),
  port: z.coerce.number().int().min(1024).max(65000).default(3261),
  instances: z.coerce.number().int().min(1).max(8).default(1),
  /** Seconds between one filer's saves; unset: 1–2 s at random. */
  saveEvery: z.coerce.number().positive().max(60).optional(),
  pgUrl: z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
  distDir: z.string().default('.next'),
  /** `0`: reviewers only open pages, no PDFs (to tell the two loads apart). */
  pdf: z.enum(['0', '1']).default('1'),
  /** Seconds a reviewer reads what came back before the next request; 0: back to back (a stress, not a person). */
  readFor: z.coerce.number().min(0).max(120).default(0),
  /** Extra arguments for the app instances' node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`, space-separated). */
  nodeArgs: z.string().default(''),
});
type Config = z.infer<typeof ZConfig>;

function config(): Config {
  return ZConfig.parse({
    seconds: process.env.LOAD_SECONDS || undefined,
    filers: process.env.LOAD_FILERS || undefined,
    reviewers: process.env.LOAD_REVIEWERS || undefined,
    port: process.env.LOAD_PORT || undefined,
    instances: process.env.LOAD_INSTANCES || undefined,
    saveEvery: process.env.LOAD_SAVE_EVERY_S || undefined,
    pgUrl: process.env.LOAD_PG_URL || undefined,
    distDir: process.env.NEXT_DIST_DIR || undefined,
    pdf: process.env.LOAD_PDF || undefined,
    readFor: process.env.LOAD_REVIEWER_READS_S || undefined,
    nodeArgs: process.env.LOAD_NODE_ARGS || undefined,
  });
}

const YEAR = 2025;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Filer = { reportId: string; cookie: string; content: Report; version: number; saved: number; lastSaved: Report | null };
type Reviewer = { cookie: string };

/** One connection to the server for creating and dropping a scratch database (also bench/transfer.ts). */
export async function withAdminClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Filers (one street office each, with this year's report filled in) and reviewers, with sessions. */
async function prepare(dbUrl: string, cfg: Config): Promise<{ filers: Filer[]; reviewers: Reviewer[] }> {
  const h = await openDb({ url: dbUrl, demo: true });
  try {
    const [district] = await h.db.select().from(agencies).where(eq(agencies.name, '文峰区'));
    const passwordHash = await hashPassword(randomBytes(12).toString('hex')); // nobody signs in with it
    const offices = await h.db
      .insert(agencies)
      .values(Array.from({ length: cfg.filers }, (_, i) => ({ name: `文峰区负载测试第${i + 1}街道办事处`, parentId: district.id })))
      .returning();
    const filerRows = await h.db
      .insert(users)
      .values(offices.map((o, i) => ({ username: `load-filer-${i + 1}`, displayName: `负载测试填报员${i + 1}`, role: 'filer' as const, agencyId: o.id, passwordHash })))
      .returning();
    const reviewerRows = cfg.reviewers
      ? await h.db
          .insert(users)
          .values(Array.from({ length: cfg.reviewers }, (_, i) => ({ username: `load-reviewer-${i + 1}`, displayName: `负载测试审核人${i + 1}`, role: 'reviewer' as const, agencyId: district.id, passwordHash })))
          .returning()
      : [];
    const cookieOf = async (userId: string) => `${SESSION_COOKIE}=${(await createSession(h.db, userId)).token}`;
    const filers: Filer[] = [];
    for (const [i, u] of filerRows.entries()) {
      const office = offices[i];
      const user: SessionUser = { id: u.id, username: u.username, displayName: u.displayName, role: 'filer', agencyId: office.id, agencyName: office.name };
      const { id } = await createReport(h.db, user, { agencyId: office.id, year: YEAR });
      // A full report (about the size a real one has), saved once so that it starts at version 1 with real content.
      const content = consistentReport(i + 1, 50, office.name, YEAR);
      await h.db.update(reports).set({ content }).where(eq(reports.id, id));
      filers.push({ reportId: id, cookie: await cookieOf(u.id), content, version: 1, saved: 0, lastSaved: null });
    }
    const reviewers = await Promise.all(reviewerRows.map(async (u) => ({ cookie: await cookieOf(u.id) })));
    return { filers, reviewers };
  } finally {
    await h.close();
  }
}

async function startServer(cfg: Config, dbUrl: string, port: number): Promise<ChildProcess> {
  if (!existsSync(path.join(cfg.distDir, 'BUILD_ID'))) throw new Error(`no production build in ${cfg.distDir}: run NEXT_DIST_DIR=${cfg.distDir} npx next build`);
  const server = spawn('node', [...cfg.nodeArgs.split(' ').filter(Boolean), 'server.mjs', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, DATABASE_URL: dbUrl, NIANBAO_DEMO: '0', NEXT_DIST_DIR: cfg.distDir },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/login`)).ok) return server;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  stopServer(server);
  throw new Error('server did not start');
}

function stopServer(server: ChildProcess) {
  try {
    process.kill(-server.pid!, 'SIGTERM');
  } catch {
    server.kill('SIGTERM');
  }
}

type Samples = { save: number[]; page: number[]; pdf: number[]; errors: Map<string, number> };

function countError(s: Samples, what: string) {
  s.errors.set(what, (s.errors.get(what) ?? 0) + 1);
}

/** One filer: edit a text part and a cell, save with the version the last save returned, wait (1–2 s, or every `saveEvery` s). */
async function runFiler(base: string, f: Filer, until: number, s: Samples, saveEvery?: number) {
  const sectionKey = Object.keys(f.content.text)[0];
  const partKey = Object.keys(f.content.text[sectionKey])[0];
  await sleep(Math.random() * (saveEvery ? saveEvery * 1000 : 1500)); // spread the first saves
  let n = 0;
  while (Date.now() < until) {
    n++;
    const content: Report = structuredClone(f.content);
    content.text[sectionKey][partKey] = `本年度第 ${n} 次修改：共主动公开政府信息 ${100 + n} 条，其中通过门户网站发布 ${n} 条。`;
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}/api/reports/${f.reportId}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', cookie: f.cookie },
        body: JSON.stringify({ baseVersion: f.version, content }),
      });
      const body = (await res.json().catch(() => null)) as { version?: number } | null;
      s.save.push(performance.now() - t0);
      if (res.ok && typeof body?.version === 'number') {
        f.version = body.version;
        f.saved++;
        f.lastSaved = content;
      } else countError(s, `save ${res.status}`);
    } catch (e) {
      countError(s, `save ${(e as Error).message}`);
    }
    await sleep(saveEvery ? saveEvery * 1000 : 1000 + Math.random() * 1000);
  }
}

/** One reviewer: open a report's page (the editor with its preview), then download its PDF, repeat. */
async function runReviewer(bases: string[], first: number, r: Reviewer, ids: string[], until: number, s: Samples, pdf: boolean, readFor: number) {
  const timed = async (url: string, into: number[], kind: string) => {
    const t0 = performance.now();
    try {
      const res = await fetch(url, { headers: { cookie: r.cookie }, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.ok) into.push(performance.now() - t0);
      else countError(s, `${kind} ${res.status}`);
    } catch (e) {
      countError(s, `${kind} ${(e as Error).message}`);
    }
  };
  // Reviewers arrive over their first reading time, as filers' first saves are spread over a period.
  await sleep(readFor * 1000 * Math.random());
  let n = first;
  while (Date.now() < until) {
    const id = ids[Math.floor(Math.random() * ids.length)];
    await timed(`${bases[n++ % bases.length]}/reports/${id}`, s.page, 'page');
    await sleep(readFor * 1000 * (0.5 + Math.random()));
    if (Date.now() >= until || !pdf) continue;
    await timed(`${bases[n++ % bases.length]}/api/reports/${id}/pdf`, s.pdf, 'pdf');
    await sleep(readFor * 1000 * (0.5 + Math.random()));
  }
}

/** Every acknowledged save is in the database: version = 1 + saves, content = the last one saved. */
async function countLost(dbUrl: string, filers: Filer[]): Promise<{ lost: number; details: string[] }> {
  const h = await openDb({ url: dbUrl });
  try {
    const rows = await h.db
      .select({ id: reports.id, version: reports.version, content: reports.content })
      .from(reports)
      .where(inArray(reports.id, filers.map((f) => f.reportId)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const details: string[] = [];
    for (const f of filers) {
      const row = byId.get(f.reportId);
      if (!row) details.push(`${f.reportId}: missing`);
      else if (row.version !== f.saved + 1) details.push(`${f.reportId}: version ${row.version}, expected ${f.saved + 1}`);
      else if (f.lastSaved && !isDeepStrictEqual(row.content, f.lastSaved)) details.push(`${f.reportId}: content differs from the last save`);
    }
    return { lost: details.length, details };
  } finally {
    await h.close();
  }
}

export async function benchLoad(overrides: Partial<Config> = {}): Promise<BenchResult[]> {
  const cfg = { ...config(), ...overrides };
  const name = `nianbao_load_${randomBytes(6).toString('hex')}`;
  const dbUrl = new URL(cfg.pgUrl);
  dbUrl.pathname = `/${name}`;
  await withAdminClient(cfg.pgUrl, (c) => c.query(`create database ${name}`));
  const servers: ChildProcess[] = [];
  try {
    console.log(`load: preparing ${cfg.filers} filers and ${cfg.reviewers} reviewers on ${name}…`);
    const { filers, reviewers } = await prepare(dbUrl.toString(), cfg);
    for (let i = 0; i < cfg.instances; i++) servers.push(await startServer(cfg, dbUrl.toString(), cfg.port + i));
    const bases = servers.map((_, i) => `http://127.0.0.1:${cfg.port + i}`);
    const s: Samples = { save: [], page: [], pdf: [], errors: new Map() };
    // Warm up outside the measurement: the first page compiles nothing in production, but the
    // first PDF starts the worker pool and parses the fonts.
    if (reviewers.length) {
      for (const b of bases) {
        await fetch(`${b}/reports/${filers[0].reportId}`, { headers: { cookie: reviewers[0].cookie } }).then((r) => r.arrayBuffer());
        await fetch(`${b}/api/reports/${filers[0].reportId}/pdf`, { headers: { cookie: reviewers[0].cookie } }).then((r) => r.arrayBuffer());
      }
    }
    console.log(`load: running for ${cfg.seconds} s…`);
    const until = Date.now() + cfg.seconds * 1000;
    const ids = filers.map((f) => f.reportId);
    await Promise.all([
      // Filer i's saves go to instance i mod n; a reviewer's requests alternate.
      ...filers.map((f, i) => runFiler(bases[i % bases.length], f, until, s, cfg.saveEvery)),
      ...reviewers.map((r, i) => runReviewer(bases, i, r, ids, until, s, cfg.pdf === '1', cfg.readFor)),
    ]);
    const { lost, details } = await countLost(dbUrl.toString(), filers);
    const errors = [...s.errors.values()].reduce((a, b) => a + b, 0);
    const requests = s.save.length + s.page.length + s.pdf.length + errors;
    const saved = filers.reduce((a, f) => a + f.saved, 0);
    console.log(`load: ${requests} requests, ${saved} saves acknowledged, ${errors} errors${errors ? ` (${[...s.errors].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}, ${lost} lost`);
    for (const d of details.slice(0, 5)) console.log(`  lost: ${d}`);
  const reading = cfg.reviewers ? (cfg.readFor ? ` reading ~${cfg.readFor} s` : ' back to back') : '';
    const tag = `${cfg.filers} filers + ${cfg.reviewers} reviewers${reading}, ${cfg.seconds} s${cfg.instances > 1 ? `, ${cfg.instances} instances` : ''}${cfg.saveEvery ? `, a save every ${cfg.saveEvery} s` : ''}`;
    const timings = [
      summarize(`load: autosave PUT (${tag})`, s.save, 'ms', 'p95 ≤ 200 ms'),
      summarize(`load: report page GET (${tag})`, s.page, 'ms'),
      summarize(`load: PDF GET (${tag})`, s.pdf, 'ms'),
    ].filter((r) => r.runs > 0);
    return [
      ...timings,
      { name: `load: errors, all requests (${tag})`, runs: requests, median: errors, p95: errors, unit: 'count', target: '0' },
      { name: `load: lost saves, reports checked (${tag})`, runs: filers.length, median: lost, p95: lost, unit: 'count', target: '0' },
    ];
  } finally {
    servers.forEach(stopServer);
    await sleep(500);
    await withAdminClient(cfg.pgUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).catch((e: Error) => console.error(`load: could not drop ${name}: ${e.message}`));
  }
}

/**
 * The scale issue's curve: two instances on one PostgreSQL, filers autosaving every 3 s and 10
 * reviewers who read what they open (~5 s a page or a PDF), at 50, 200 and 500 filers
 * (LOAD_STEPS to change them); then 200 filers with the 10 reviewers asking back to back (~5
 * pages and PDFs a second, a stress no district's reviewers make) to show where the CPU runs
 * out. One fresh database per step.
 */
export async function benchInstances(): Promise<BenchResult[]> {
  const steps = (process.env.LOAD_STEPS ?? '50,200,500').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const out: BenchResult[] = [];
  const common = { reviewers: 10, instances: 2, saveEvery: 3, port: 3271 };
  for (const filers of steps) out.push(...(await benchLoad({ ...common, filers, readFor: 5 })));
  if (process.env.LOAD_STRESS !== '0') out.push(...(await benchLoad({ ...common, filers: 200, readFor: 0 })));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printResults(await benchLoad());
  // The pg pools and timers are closed; nothing else keeps the process, but say so explicitly.
  process.exit(0);
}

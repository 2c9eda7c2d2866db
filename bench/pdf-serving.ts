/**
 * PDFs as the server answers them, on the production build with PostgreSQL:
 *  - a PDF of a version already rendered (from the cache in the database), sequential GETs;
 *  - the first PDF of a new version (save, then GET), against the same render in a warm worker
 *    in this process (what a PDF cost before the cache, without HTTP and database);
 *  - fairness: one filer floods six large drafts at once, again and again (each a new version,
 *    so nothing is cached), while a reviewer asks for a small report's PDF after each change.
 *
 * Loopback only, bounded in count and time, stops by itself. Run alone:
 *   npx tsx bench/pdf-serving.ts     (needs a production build: npx next build)
 * Settings (env): PDF_BENCH_PORT (3264), LOAD_PG_URL, NEXT_DIST_DIR (.next).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { openDb } from '../lib/db/client';
import { agencies, reports, users } from '../lib/db/schema';
import { hashPassword } from '../lib/auth/password';
import { createSession, SESSION_COOKIE } from '../lib/auth/session';
import type { SessionUser } from '../lib/auth/types';
import { createReport } from '../lib/server/reports';
import type { Report } from '../lib/report/types';
import { buildDocument } from '../lib/document/build';
import { createPdfPool } from '../lib/render/pdf/pool';
import { template2021 } from '../templates/2021';
import { consistentReport } from '../test/support/generate';
import { printResults, summarize, type BenchResult } from './stats';

const PORT = Number(process.env.PDF_BENCH_PORT ?? 3264);
const BASE = `http://127.0.0.1:${PORT}`;
const PG_URL = process.env.LOAD_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DIST = process.env.NEXT_DIST_DIR ?? '.next';
const FLOOD_REPORTS = 6;
/** Text of each flooded draft: just under the draft PDF cap (lib/server/pdf-cache.ts). */
const FLOOD_CHARS = 19_000;
const REVIEWER_SAMPLES = 15;
const FLOOD_BOUND_MS = 120_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Account = { cookie: string };
type Doc = { id: string; version: number; content: Report };

function longText(chars: number): string {
  const line = '本机关认真贯彻落实《中华人民共和国政府信息公开条例》，依法依规做好政府信息公开各项工作，持续提升公开质量。';
  return Array.from({ length: Math.floor(chars / (line.length + 4)) }, (_, i) => `${i + 1}.${line}`).join('\n');
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function prepare(dbUrl: string) {
  const h = await openDb({ url: dbUrl, demo: true });
  try {
    const [district] = await h.db.select().from(agencies).where(eq(agencies.name, '文峰区'));
    const passwordHash = await hashPassword(randomBytes(12).toString('hex'));
    const [floodOffice, smallOffice] = await h.db
      .insert(agencies)
      .values([{ name: '文峰区压力测试甲街道办事处', parentId: district.id }, { name: '文峰区压力测试乙街道办事处', parentId: district.id }])
      .returning();
    const [flooder, clerk, reviewer] = await h.db
      .insert(users)
      .values([
        { username: 'bench-flooder', displayName: '压力测试填报员', role: 'filer' as const, agencyId: floodOffice.id, passwordHash },
        { username: 'bench-clerk', displayName: '测试填报员', role: 'filer' as const, agencyId: smallOffice.id, passwordHash },
        { username: 'bench-reviewer', displayName: '测试审核人', role: 'reviewer' as const, agencyId: district.id, passwordHash },
      ])
      .returning();
    const cookie = async (id: string) => ({ cookie: `${SESSION_COOKIE}=${(await createSession(h.db, id)).token}` });
    const make = async (u: typeof flooder, office: typeof floodOffice, year: number, content: Report): Promise<Doc> => {
      const user: SessionUser = { id: u.id, username: u.username, displayName: u.displayName, role: 'filer', agencyId: office.id, agencyName: office.name };
      const { id } = await createReport(h.db, user, { agencyId: office.id, year });
      await h.db.update(reports).set({ content }).where(eq(reports.id, id));
      return { id, version: 1, content };
    };
    const flood: Doc[] = [];
    for (let i = 0; i < FLOOD_REPORTS; i++) {
      const content = consistentReport(i + 1, 50, floodOffice.name, 2030 + i);
      // Two long parts: one part may hold 20 000 characters (lib/report/schema.ts).
      const second = Object.keys(content.text).find((k) => k !== 'overview' && Object.keys(content.text[k]).length)!;
      const secondPart = Object.keys(content.text[second])[0];
      content.text.overview.onRequest = longText(FLOOD_CHARS / 2);
      content.text[second][secondPart] = longText(FLOOD_CHARS / 2);
      flood.push(await make(flooder, floodOffice, 2030 + i, content));
    }
    const small = await make(clerk, smallOffice, 2025, consistentReport(9, 50, smallOffice.name, 2025));
    return { flood, small, flooder: await cookie(flooder.id), clerk: await cookie(clerk.id), reviewer: await cookie(reviewer.id) };
  } finally {
    await h.close();
  }
}

async function startServer(dbUrl: string): Promise<ChildProcess> {
  if (!existsSync(path.join(DIST, 'BUILD_ID'))) throw new Error(`no production build in ${DIST}: run npx next build`);
  const busy = await fetch(`${BASE}/login`).then(() => true, () => false);
  if (busy) throw new Error(`port ${PORT} already answers: stop that server or set PDF_BENCH_PORT`);
  const server = spawn('npx', ['next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    env: { ...process.env, DATABASE_URL: dbUrl, NIANBAO_DEMO: '0', NEXT_DIST_DIR: DIST },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/login`)).ok) return server;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  stop(server);
  throw new Error('server did not start');
}

function stop(server: ChildProcess) {
  try {
    process.kill(-server.pid!, 'SIGTERM');
  } catch {
    server.kill('SIGTERM');
  }
}

/** A new version: the first paragraph of 一 changes (a clerk's autosave). */
async function save(doc: Doc, who: Account, n: number): Promise<void> {
  // The server's own copy: what it stored is what it validates.
  const now = (await (await fetch(`${BASE}/api/reports/${doc.id}`, { headers: { cookie: who.cookie } })).json()) as { content: Report };
  const content: Report = now.content;
  content.text.overview.proactive = `第 ${n} 次修改：本年度主动公开政府信息 ${100 + n} 条。`;
  const res = await fetch(`${BASE}/api/reports/${doc.id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', cookie: who.cookie },
    body: JSON.stringify({ baseVersion: doc.version, content }),
  });
  const body = (await res.json()) as { version?: number; error?: { message?: string } };
  if (!res.ok || typeof body.version !== 'number') throw new Error(`save ${res.status}: ${body.error?.message ?? ''}`);
  doc.version = body.version;
}

async function getPdf(id: string, who: Account): Promise<{ ms: number; status: number; retryAfter: string | null }> {
  const t0 = performance.now();
  const res = await fetch(`${BASE}/api/reports/${id}/pdf`, { headers: { cookie: who.cookie } });
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status, retryAfter: res.headers.get('retry-after') };
}

export async function benchPdfServing(): Promise<BenchResult[]> {
  const name = `nianbao_pdfbench_${randomBytes(6).toString('hex')}`;
  const dbUrl = new URL(PG_URL);
  dbUrl.pathname = `/${name}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  let server: ChildProcess | undefined;
  const results: BenchResult[] = [];
  try {
    const { flood, small, flooder, clerk, reviewer } = await prepare(dbUrl.toString());
    server = await startServer(dbUrl.toString());
    // The worker starts and parses its fonts; the fingerprint hashes the font files.
    const warm = await getPdf(small.id, reviewer);
    if (warm.status !== 200) throw new Error(`first PDF ${warm.status}`);

    // Cached: the same version again and again.
    const cached: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await getPdf(small.id, reviewer);
      if (r.status !== 200) throw new Error(`cached PDF ${r.status}`);
      cached.push(r.ms);
    }
    results.push(summarize('PDF of a version already rendered (cache, HTTP)', cached, 'ms', '≤ 50 ms'));

    // First PDF of a new version, and the same render in a warm worker here.
    const first: number[] = [];
    for (let i = 0; i < 15; i++) {
      await save(small, clerk, i + 1);
      const r = await getPdf(small.id, reviewer);
      if (r.status !== 200) throw new Error(`new-version PDF ${r.status}`);
      first.push(r.ms);
    }
    results.push(summarize('first PDF of a new version (render + cache, HTTP)', first, 'ms'));
    const pool = createPdfPool({ size: 1 });
    try {
      const doc = buildDocument(template2021, small.content);
      await pool.warm(doc);
      const renders: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        await pool.render(doc, { final: false });
        renders.push(performance.now() - t0);
      }
      results.push(summarize('same report, warm worker render only (before the cache)', renders, 'ms'));
    } finally {
      await pool.close();
    }

    // One filer floods: six large drafts at once, each a new version every time; the reviewer
    // asks for a small report's PDF after each of its clerk's saves.
    let flooding = true;
    const floodCounts = new Map<number, number>();
    const floodMs: number[] = [];
    let withRetryAfter = 0;
    const stopAt = Date.now() + FLOOD_BOUND_MS;
    let n = 1000;
    const floodLoop = async (doc: Doc) => {
      while (flooding && Date.now() < stopAt) {
        try {
          await save(doc, flooder, n++);
        } catch (e) {
          console.error(`pdf-serving: flood ${(e as Error).message}`);
          await sleep(500);
          continue;
        }
        const r = await getPdf(doc.id, flooder);
        floodCounts.set(r.status, (floodCounts.get(r.status) ?? 0) + 1);
        if (r.status === 429 && r.retryAfter) withRetryAfter++;
        if (r.status === 200) floodMs.push(r.ms);
        // A hostile client ignores Retry-After and asks again at once.
        else await sleep(50);
      }
    };
    const loops = flood.map(floodLoop);
    await sleep(2000); // the flood is under way
    const reviewerMs: number[] = [];
    try {
      for (let i = 0; i < REVIEWER_SAMPLES && Date.now() < stopAt; i++) {
        await save(small, clerk, 100 + i);
        const r = await getPdf(small.id, reviewer);
        if (r.status !== 200) throw new Error(`reviewer PDF ${r.status}`);
        reviewerMs.push(r.ms);
        await sleep(300);
      }
    } finally {
      flooding = false;
      await Promise.all(loops);
    }
    results.push(summarize(`reviewer's PDF (new version) while one filer floods ${FLOOD_REPORTS} large drafts`, reviewerMs, 'ms', 'p95 ≤ 3000 ms'));
    if (floodMs.length) results.push(summarize(`flooder's PDFs that were rendered (${FLOOD_CHARS} chars each)`, floodMs, 'ms'));
    console.log(`pdf-serving: flooder's answers ${[...floodCounts].map(([s, c]) => `${s}×${c}`).join(', ')} (429 = refused; ${withRetryAfter} of them with Retry-After)`);
    return results;
  } finally {
    if (server) stop(server);
    await sleep(500);
    await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).catch((e: Error) => console.error(`pdf-serving: could not drop ${name}: ${e.message}`));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printResults(await benchPdfServing());
  process.exit(0);
}

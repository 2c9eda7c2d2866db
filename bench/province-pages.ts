/**
 * The province's pages as a reviewer gets them over HTTP (issue #25, point 5): the production
 * server on the province demo (NIANBAO_DEMO=province, 5 028 agencies) on a scratch PostgreSQL
 * database, signed in as the province (henan). For 辖区报告 (first page), 辖区分析 at the top and
 * one city down, and the analysis' 「下载 PDF」: time to first byte, time to the last byte, the
 * HTML's bytes and its gzip; for 辖区分析 three ways — its first look after one report below
 * changed (its figures computed again), and with nothing changed — and the time until the page
 * has settled in Chromium (load event, no network for 500 ms).
 *
 * Needs a current production build (`next build`; BENCH_REUSE_BUILD=1 as bench/browser.ts) and
 * PostgreSQL (SUMMARY_PG_URL as bench/province.ts; skipped when none answers). About 3 minutes.
 * Run alone: `npx tsx bench/province-pages.ts`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/find-chromium.mjs';
import { summarize, printResults, type BenchResult } from './stats';
import { PG_URL, postgresReachable } from './province';

const PORT = Number(process.env.BENCH_PORT) || 3240;
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.PROVINCE_PAGE_RUNS) || 7;

type Fetched = { ttfb: number; total: number; bytes: number; gzip: number; status: number; body: Buffer };

async function get(path: string, cookie: string): Promise<Fetched> {
  const t0 = performance.now();
  const res = await fetch(BASE + path, { headers: { cookie } });
  const reader = res.body!.getReader();
  const parts: Uint8Array[] = [];
  let ttfb = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!parts.length) ttfb = performance.now() - t0;
    parts.push(value);
  }
  const body = Buffer.concat(parts);
  const total = performance.now() - t0;
  return { ttfb, total, bytes: body.length, gzip: gzipSync(body).length, status: res.status, body };
}

export async function benchProvincePages(): Promise<BenchResult[]> {
  if (!(await postgresReachable())) {
    console.log(`province pages benchmark: PostgreSQL not reachable at ${PG_URL}, skipped`);
    return [];
  }
  if (process.env.BENCH_REUSE_BUILD !== '1' || !existsSync('.next/BUILD_ID')) {
    console.log('building the production app (next build)…');
    if (spawnSync('npx', ['next', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('next build failed');
  }
  const name = `nianbao_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      return await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const dataDir = `data/bench-${PORT}`;
  rmSync(dataDir, { recursive: true, force: true });
  const t0 = performance.now();
  const server = spawn('node', ['server.mjs', '-p', String(PORT), '-H', '127.0.0.1'], {
    env: { ...process.env, DATABASE_URL: url.toString(), NIANBAO_DATA_DIR: dataDir, NIANBAO_DEMO: 'province', NIANBAO_PRERENDER: '0' },
    stdio: 'ignore',
    detached: true,
  });
  const db = new pg.Client({ connectionString: url.toString() });
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined });
  try {
    for (let i = 0; ; i++) {
      if (i > 1200) throw new Error('server did not start');
      const up = await fetch(`${BASE}/login`).then((r) => r.ok).catch(() => false);
      if (up) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    console.log(`province pages benchmark: server on the province demo (PostgreSQL) up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await db.connect();
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel('用户名').fill('henan');
    await page.getByLabel('密码').fill('nianbao2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/reports');
    const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    // The demo was seeded at the first request: statistics as a server in use has them (autovacuum's analyze may not have come yet).
    await db.query('analyze');
    const year = new Date().getFullYear() - 2;
    const [{ id: anyang }] = (await db.query(`select id::text from agencies where name = '安阳市'`)).rows;
    // A figure changed, as a report returned, corrected and approved again changes it: one more 自然人 application (and total).
    const oneReport = () =>
      db.query(`update reports set content = jsonb_set(jsonb_set(content,
          '{tables,table3,newReceived,natural}', to_jsonb((content #>> '{tables,table3,newReceived,natural}')::int + 1)),
          '{tables,table3,newReceived,total}', to_jsonb((content #>> '{tables,table3,newReceived,total}')::int + 1))
        where id = (select id from reports where year = ${year} and status = 'approved' and content #>> '{tables,table3,newReceived,total}' ~ '^[0-9]+$'
          and content #>> '{tables,table3,newReceived,natural}' ~ '^[0-9]+$' order by random() limit 1)`);

    const results: BenchResult[] = [];
    const measure = async (label: string, path: string, target: { ttfb?: string; gzip?: string } = {}, before?: () => Promise<unknown>) => {
      await get(path, cookie); // warm-up: plans, the server's modules, kept figures
      const runs: Fetched[] = [];
      for (let i = 0; i < RUNS; i++) {
        if (before) await before();
        runs.push(await get(path, cookie));
      }
      if (runs.some((r) => r.status !== 200)) throw new Error(`${path}: HTTP ${runs.map((r) => r.status).join(',')}`);
      results.push(
        summarize(`${label}, first byte`, runs.map((r) => r.ttfb), 'ms', target.ttfb),
        summarize(`${label}, last byte`, runs.map((r) => r.total), 'ms'),
        summarize(`${label}, HTML`, runs.map((r) => r.bytes / 1024), 'KB'),
        summarize(`${label}, HTML gzip`, runs.map((r) => r.gzip / 1024), 'KB', target.gzip),
      );
    };
    await measure('辖区报告, province top (5 028 units), page 1', `/review?year=${year}`, { ttfb: '≤ 300 ms', gzip: '(HTML ≤ 200 KB)' });
    const top = `/review/insight?year=${year}`;
    await measure('辖区分析, province top, one report changed', top, { ttfb: '≤ 1000 ms', gzip: '≤ 300 KB' }, oneReport);
    await measure('辖区分析, province top, nothing changed', top, { ttfb: '≤ 1000 ms', gzip: '≤ 300 KB' });
    await measure('辖区分析, 安阳市 drilled down, nothing changed', `/review/insight?year=${year}&agency=${anyang}`);
    // Settled: the page loaded in Chromium with nothing left on the network.
    const settled: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await page.goto(BASE + top, { waitUntil: 'networkidle' });
      settled.push(performance.now() - t - 500);
    }
    results.push(summarize('辖区分析, province top, settled in Chromium', settled, 'ms', '≤ 2000 ms'));
    const pdf: number[] = [];
    const pages: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      const r = await get(`/api/review/insight/pdf?year=${year}`, cookie);
      pdf.push(r.total);
      pages.push((r.body.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length);
    }
    results.push(summarize('辖区分析 PDF, province top', pdf, 'ms', '≤ 3000 ms'), summarize('辖区分析 PDF, province top, pages', pages, 'pages', '≤ 40'));
    return results;
  } finally {
    await browser.close();
    await db.end().catch(() => undefined);
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
    await new Promise((r) => setTimeout(r, 1000));
    await admin(`drop database if exists ${name} with (force)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printResults(await benchProvincePages());

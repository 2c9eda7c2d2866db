/**
 * Oversized bodies: 8 parallel chunked uploads of 510 MB each (no Content-Length), half to the
 * autosave route and half to the import upload, against the production build on an embedded
 * database. Reports how much the server's RSS grew at most while they ran (target < 100 MB),
 * how long the 413s took and how many bytes the clients got out before being stopped.
 *
 * Loopback only, bounded: each upload stops when the server answers, and the whole run is
 * abandoned after 60 s. Part of `npm run bench`; alone: `npx tsx bench/bodies.ts`.
 * Settings (env): BODIES_PORT (3262), NEXT_DIST_DIR (.next).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import { openDb } from '../lib/db/client';
import { users } from '../lib/db/schema';
import { createSession, SESSION_COOKIE } from '../lib/auth/session';
import type { SessionUser } from '../lib/auth/types';
import { createReport } from '../lib/server/reports';
import { printResults, summarize, type BenchResult } from './stats';

const PORT = Number(process.env.BODIES_PORT || 3262);
const DIST = process.env.NEXT_DIST_DIR || '.next';
const UPLOADS = 8;
const BODY_BYTES = 510 * 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function upload(pathname: string, method: string, cookie: string, contentType: string) {
  return new Promise<{ status: number; sent: number; ms: number }>((resolve, reject) => {
    const started = performance.now();
    let sent = 0;
    let answered = false;
    const req = http.request({ host: '127.0.0.1', port: PORT, path: pathname, method, headers: { Cookie: cookie, 'Content-Type': contentType, 'Transfer-Encoding': 'chunked' } }, (res) => {
      answered = true;
      res.resume();
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sent, ms: performance.now() - started });
      });
    });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < BODY_BYTES) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

export async function benchBodies(): Promise<BenchResult[]> {
  if (!existsSync(path.join(DIST, 'BUILD_ID'))) throw new Error(`no production build in ${DIST}: run npx next build`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nianbao-bodies-'));
  let server: ChildProcess | undefined;
  try {
    // A session and a report, made before the server opens the (single-process) embedded database.
    const h = await openDb({ dataDir: path.join(dataDir, 'pglite'), demo: true });
    let cookie: string;
    let reportId: string;
    try {
      const [u] = await h.db.select().from(users).where(eq(users.username, 'ziwei'));
      const user: SessionUser = { id: u.id, username: u.username, displayName: u.displayName, role: 'filer', agencyId: u.agencyId, agencyName: '' };
      ({ id: reportId } = await createReport(h.db, user, { agencyId: u.agencyId, year: 2025 }));
      cookie = `${SESSION_COOKIE}=${(await createSession(h.db, u.id)).token}`;
    } finally {
      await h.close();
    }
    server = spawn('node', ['server.mjs', '-p', String(PORT), '-H', '127.0.0.1'], {
      env: { ...process.env, NIANBAO_DATA_DIR: dataDir, NIANBAO_DEMO: '0', NEXT_DIST_DIR: DIST },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; ; i++) {
      if (i > 240) throw new Error('server did not start');
      const up = await fetch(`http://127.0.0.1:${PORT}/api/reports/${reportId}`, { headers: { cookie } }).then((r) => r.ok, () => false);
      if (up) break;
      await sleep(250);
    }
    await sleep(1000);
    const base = rssMb(server.pid!);
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server!.pid!))), 50);
    const deadline = sleep(60_000).then(() => {
      throw new Error('uploads not refused within 60 s');
    });
    const results = await Promise.race([
      Promise.all(
        Array.from({ length: UPLOADS }, (_, i) =>
          i % 2 ? upload('/api/import', 'POST', cookie, 'multipart/form-data; boundary=x') : upload(`/api/reports/${reportId}`, 'PUT', cookie, 'application/json'),
        ),
      ),
      deadline,
    ]);
    await sleep(500);
    clearInterval(sampler);
    const statuses = results.map((r) => r.status);
    console.log(`bodies: ${UPLOADS} × ${BODY_BYTES / 1024 / 1024} MB chunked → ${statuses.join(', ')}; RSS ${base.toFixed(0)} → peak ${peak.toFixed(0)} MB; sent at most ${(Math.max(...results.map((r) => r.sent)) / 1024 / 1024).toFixed(1)} MB per upload`);
    if (statuses.some((s) => s !== 413)) throw new Error(`expected 413 for every upload, got ${statuses.join(', ')}`);
    return [
      { name: `bodies: server RSS growth, ${UPLOADS} × 510 MB chunked`, runs: 1, median: peak - base, p95: peak - base, unit: 'MB', target: '< 100 MB' },
      summarize('bodies: time to 413 (chunked 510 MB)', results.map((r) => r.ms), 'ms'),
    ];
  } finally {
    server?.kill('SIGTERM');
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printResults(await benchBodies());
  process.exit(0);
}

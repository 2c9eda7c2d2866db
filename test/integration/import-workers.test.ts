import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { login } from '../../lib/auth/login';
import { getSessionUser } from '../../lib/auth/session';
import type { SessionUser } from '../../lib/auth/types';
import type { DbHandle } from '../../lib/db/client';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { AppError } from '../../lib/errors';
import { createImportPool, importPool } from '../../lib/import/pool';
import { previewImport } from '../../lib/server/imports';
import { listReports } from '../../lib/server/reports';
import { openDb } from '../../lib/db/client';
import { hostileDocx, hostileText } from '../support/hostile';

/*
 * Issue 10 §1: uploads are parsed off the event loop. Ten hostile uploads at once (a DOCX of
 * 89 KB that unpacks to 29 MB of tiny paragraphs, 2 MB of text) must leave the server free to
 * answer others; each ends within its deadline with a Chinese message, the worker is stopped.
 */
process.env.NIANBAO_IMPORT_WORKERS = '1';
process.env.NIANBAO_IMPORT_QUEUE = '8';
process.env.NIANBAO_IMPORT_TIMEOUT_S = '4';

let h: DbHandle;
let filer: SessionUser;

beforeAll(async () => {
  h = await openDb({ demo: true });
  const r = await login(h.db, { username: 'ziwei', password: DEMO_PASSWORD, ip: '127.0.0.1' });
  if (!r.ok) throw new Error(r.message);
  filer = (await getSessionUser(h.db, r.token))!;
}, 60_000);
afterAll(async () => {
  await importPool().close();
  await h?.close();
});

const chinese = /[\u4e00-\u9fff]/;

describe('imports in worker threads', () => {
  it('keeps the event loop free while ten hostile uploads are parsed; each ends with a Chinese message', async () => {
    const docx = hostileDocx();
    expect(docx.length).toBeLessThan(120 * 1024);
    const text = hostileText();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const pageTimes: number[] = [];
    let running = true;
    const pages = (async () => {
      while (running) {
        const t0 = performance.now();
        await listReports(h.db, filer);
        pageTimes.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const uploads = Array.from({ length: 10 }, (_, i) =>
      previewImport(h.db, filer, i % 2 ? { bytes: text, name: 'x.txt' } : { bytes: docx, name: 'x.docx' }).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    const outcomes = await Promise.all(uploads);
    running = false;
    await pages;
    loop.disable();
    for (const e of outcomes) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).message).toMatch(chinese);
    }
    // One thread, eight waiting: the tenth is refused at once, as 「请稍后再导入」 (HTTP 429).
    expect(outcomes.filter((e) => (e as AppError).code === 'RATE_LIMITED')).toHaveLength(1);
    expect((outcomes.find((e) => (e as AppError).code === 'RATE_LIMITED') as AppError).message).toMatch(/稍后/);
    // Without workers a single DOCX parse holds the loop for seconds.
    expect(loop.max / 1e6).toBeLessThan(500);
    pageTimes.sort((a, b) => a - b);
    expect(pageTimes.length).toBeGreaterThan(10);
    expect(pageTimes[Math.floor(pageTimes.length * 0.95)]).toBeLessThan(300);
  }, 60_000);

  it('stops a parse at its deadline by terminating the worker', async () => {
    const pool = createImportPool({ threads: 1, maxQueue: 1 });
    try {
      const docx = hostileDocx();
      const t0 = Date.now();
      const err = await pool.run(docx, 'x.docx', { timeoutMs: 300 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - t0).toBeLessThan(2000);
      expect((err as AppError).message).toMatch(/超时.*已停止/);
      // The pool still works afterwards.
      const ok = await pool.run(new TextEncoder().encode('{}'), 'r.json', { timeoutMs: 15_000 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect((ok as AppError).message).toMatch(chinese);
    } finally {
      await pool.close();
    }
  }, 30_000);
});

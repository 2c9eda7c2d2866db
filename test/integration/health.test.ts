import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../lib/db/client';
import { createRateLimiter } from '../../lib/http/rate-limit';
import { createPdfPool } from '../../lib/render/pdf';
import { appVersion, createHealthCheck } from '../../lib/server/health';
import { backends } from '../support/databases';

const list = await backends();
const pool = createPdfPool({ size: 1 });
afterAll(() => pool.close());

for (const backend of list) {
  describe(`/healthz on ${backend.name}`, () => {
    it('is ok while the database answers, unavailable once it does not', async () => {
      const h = await backend.open({ demo: false });
      const check = createHealthCheck({ db: async () => h.db, pool: () => pool }, { cacheMs: 0 });
      expect(await check()).toEqual({ status: 'ok', database: 'ok', pdfWorkers: 0, version: appVersion() });
      await h.drop();
      expect(await check()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
    });
  });
}

describe('/healthz', () => {
  it('says unreachable when the database cannot be opened (PostgreSQL down)', async () => {
    const check = createHealthCheck({ db: () => openDb({ url: 'postgres://nianbao@127.0.0.1:9/nianbao' }).then((x) => x.db), pool: () => pool });
    expect(await check()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
  });

  it('gives up on a database that hangs after the timeout', async () => {
    const check = createHealthCheck({ db: () => new Promise(() => {}), pool: () => pool }, { timeoutMs: 50 });
    const started = performance.now();
    expect((await check()).database).toBe('unreachable');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('shares one probe among the requests of a second, then probes again', async () => {
    let probes = 0;
    let t = 0;
    const h = await openDb({ demo: false });
    const check = createHealthCheck({ db: async () => (probes++, h.db), pool: () => pool, now: () => t });
    await Promise.all(Array.from({ length: 50 }, () => check()));
    t = 999;
    await check();
    expect(probes).toBe(1);
    t = 1_000;
    await check();
    expect(probes).toBe(2);
    await h.close();
  });

  it('counts the PDF pool\'s worker threads', async () => {
    const p = createPdfPool({ size: 2 });
    try {
      const h = await openDb({ demo: false });
      const { consistentReport } = await import('../../lib/report/generate');
      const { buildDocument } = await import('../../lib/document');
      const { template2021 } = await import('../../templates/2021');
      await p.warm(buildDocument(template2021, consistentReport(1, 10, '测试街道办事处', 2025)));
      expect((await createHealthCheck({ db: async () => h.db, pool: () => p })()).pdfWorkers).toBe(2);
      await h.close();
    } finally {
      await p.close();
    }
  });
});

describe('rate limit per address', () => {
  it('allows the limit per window and says when to come back', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) expect(limiter.take('10.0.0.1', 1_000)).toEqual({ ok: true });
    expect(limiter.take('10.0.0.1', 1_000)).toEqual({ ok: false, retryAfterS: 60 });
    expect(limiter.take('10.0.0.2', 1_000)).toEqual({ ok: true });
    expect(limiter.take('10.0.0.1', 31_000)).toEqual({ ok: false, retryAfterS: 30 });
    expect(limiter.take('10.0.0.1', 61_000)).toEqual({ ok: true });
  });

  it('keeps at most maxKeys addresses, dropping the oldest', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2 });
    limiter.take('a', 0);
    limiter.take('b', 1);
    limiter.take('c', 2);
    // a was dropped, so it starts a new window; b is still counted.
    expect(limiter.take('a', 3)).toEqual({ ok: true });
    expect(limiter.take('c', 4).ok).toBe(false);
  });
});

/**
 * Several app instances on one PostgreSQL: each instance is a process with its own connection
 * pool, and nothing that correctness depends on may live in a process. Two pools on one
 * database stand for two instances here; every step alternates between them, as a load
 * balancer would. (Embedded PGlite is one process by construction, so this suite needs
 * TEST_DATABASE_URL.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { openDb, type DbHandle } from '../../lib/db/client';
import { reportEvents, reports, reportVersions } from '../../lib/db/schema';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { login, MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS } from '../../lib/auth/login';
import { deleteSession, getSessionUser } from '../../lib/auth/session';
import type { SessionUser } from '../../lib/auth/types';
import type { AppError } from '../../lib/errors';
import { createReport, getReport, saveReport } from '../../lib/server/reports';
import { setDeadline, transitionReport } from '../../lib/server/review';
import { districtOverview } from '../../lib/server/district-overview';
import { createPreviewLink, openPreviewLink, revokePreviewLink } from '../../lib/server/preview-links';
import type { Report } from '../../lib/report/types';
import { consistentReport } from '../support/generate';
import { backends, type OpenedBackend } from '../support/databases';

const postgres = (await backends()).find((b) => b.name === 'PostgreSQL');

describe.skipIf(!postgres)(`two app instances on one PostgreSQL${postgres ? '' : '（未设置 TEST_DATABASE_URL，跳过）'}`, () => {
  let a: OpenedBackend;
  let b: DbHandle;
  /** The two instances; `at(i)` is the one a balancer would pick for the i-th request. */
  const at = (i: number) => (i % 2 === 0 ? a.db : b.db);
  const as: Record<string, SessionUser> = {};

  const signIn = async (username: string, i: number) => {
    const r = await login(at(i), { username, password: DEMO_PASSWORD, ip: '127.0.0.1' });
    if (!r.ok) throw new Error(r.message);
    // The session made on one instance is read on the other.
    return (await getSessionUser(at(i + 1), r.token))!;
  };
  const filled = (seed: number, rec: { agencyName: string; year: number }): Report => {
    const g = consistentReport(seed);
    return { ...g, meta: { ...g.meta, agencyName: rec.agencyName, year: rec.year } };
  };

  beforeAll(async () => {
    a = await postgres!.open();
    b = await openDb({ url: a.url! });
    as.ziwei = await signIn('ziwei', 0);
    as.dongdajie = await signIn('dongdajie', 1);
    as.wenfeng = await signIn('wenfeng', 0);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.drop();
  });

  it('a session made on one instance is known to the other, and signing out on one ends it on both', async () => {
    const r = await login(a.db, { username: 'ziwei', password: DEMO_PASSWORD, ip: '127.0.0.1' });
    if (!r.ok) throw new Error(r.message);
    expect((await getSessionUser(b.db, r.token))?.username).toBe('ziwei');
    await deleteSession(b.db, r.token);
    expect(await getSessionUser(a.db, r.token)).toBeNull();
  });

  it('counts sign-in failures across instances: the limit holds however the balancer spreads them', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(at(i), { username: 'dongdajie', password: 'wrong', ip: '192.0.2.77' })),
    );
    expect(results.filter((r) => !r.ok && r.message.startsWith('用户名或密码错误'))).toHaveLength(MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS);
  });

  it('racing saves of one version on both instances: one is kept, the other refused with the newer version', async () => {
    const { id } = await createReport(a.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2031 });
    const rec = await getReport(b.db, as.ziwei, id);
    for (let round = 0; round < 10; round++) {
      const base = (await getReport(at(round), as.ziwei, id)).version;
      const [x, y] = await Promise.all([
        saveReport(a.db, as.ziwei, id, { baseVersion: base, content: filled(100 + round, rec) }),
        saveReport(b.db, as.ziwei, id, { baseVersion: base, content: filled(200 + round, rec) }),
      ]);
      expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
      const loser = x.ok ? y : x;
      expect(loser.ok).toBe(false);
      if (!loser.ok) expect(loser.conflict.version).toBe(base + 1);
    }
    // Ten rounds, ten versions kept, each in the version history once.
    const final = await getReport(b.db, as.ziwei, id);
    expect(final.version).toBe(rec.version + 10);
    const versions = await a.db.select({ version: reportVersions.version }).from(reportVersions).where(eq(reportVersions.reportId, id));
    expect(new Set(versions.map((v) => v.version)).size).toBe(versions.length);
  }, 60_000);

  it('racing saves on both instances when the current version is to be kept: one save lands, the version is kept once, with its content', async () => {
    const { id } = await createReport(a.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2033 });
    const rec = await getReport(b.db, as.ziwei, id);
    let content = rec.content;
    for (let round = 0; round < 6; round++) {
      const base = (await getReport(at(round), as.ziwei, id)).version;
      // A pause before every round: the save that lands keeps the version it replaces.
      await a.db.update(reports).set({ updatedAt: sql`now() - interval '1 hour'` }).where(eq(reports.id, id));
      const offers = [filled(300 + round, rec), filled(400 + round, rec)];
      const [x, y] = await Promise.all([
        saveReport(a.db, as.ziwei, id, { baseVersion: base, content: offers[0] }),
        saveReport(b.db, as.ziwei, id, { baseVersion: base, content: offers[1] }),
      ]);
      expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
      const loser = x.ok ? y : x;
      if (!loser.ok) expect(loser.conflict.version).toBe(base + 1);
      const [keptRow] = await b.db.select().from(reportVersions).where(and(eq(reportVersions.reportId, id), eq(reportVersions.version, base)));
      expect(keptRow.content).toEqual(content);
      content = x.ok ? offers[0] : offers[1];
    }
    expect((await getReport(a.db, as.ziwei, id)).content).toEqual(content);
    const versions = await a.db.select({ version: reportVersions.version }).from(reportVersions).where(eq(reportVersions.reportId, id)).orderBy(reportVersions.version);
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
  }, 60_000);

  it('racing transitions on both instances: exactly one outcome and one event each time', async () => {
    const { id } = await createReport(b.db, as.dongdajie, { agencyId: as.dongdajie.agencyId, year: 2031 });
    const rec = await getReport(a.db, as.dongdajie, id);
    const saved = await saveReport(b.db, as.dongdajie, id, { baseVersion: rec.version, content: filled(7, rec) });
    if (!saved.ok) throw new Error('save refused');
    // Submit twice at once (a double click that reached both instances).
    const submits = await Promise.allSettled([a.db, b.db].map((db) => transitionReport(db, as.dongdajie, id, { transition: 'submit', from: 'draft', version: saved.version })));
    expect(submits.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    // Approve on one instance and return on the other, twice each.
    const decisions = await Promise.allSettled([
      transitionReport(a.db, as.wenfeng, id, { transition: 'approve', from: 'submitted', version: saved.version }),
      transitionReport(b.db, as.wenfeng, id, { transition: 'return', from: 'submitted', version: saved.version, reason: '请核对表三' }),
      transitionReport(b.db, as.wenfeng, id, { transition: 'approve', from: 'submitted', version: saved.version }),
      transitionReport(a.db, as.wenfeng, id, { transition: 'return', from: 'submitted', version: saved.version, reason: '请核对表四' }),
    ]);
    expect(decisions.filter((d) => d.status === 'fulfilled')).toHaveLength(1);
    for (const d of [...submits, ...decisions]) if (d.status === 'rejected') expect((d.reason as AppError).code).toBe('CONFLICT');
    const events = await b.db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.toStatus)).toContain((await getReport(a.db, as.wenfeng, id)).status);
  }, 60_000);

  it('a deadline set on one instance judges lateness on the other', async () => {
    await setDeadline(a.db, as.wenfeng, { year: 2032, dueDate: '2033-03-15' });
    const overview = await districtOverview(b.db, as.wenfeng, 2032, new Date('2033-03-01T00:00:00Z'));
    expect(overview.deadline).toBe('2033-03-15');
    expect(overview.rows.some((r) => r.isLate)).toBe(false);
  });

  it('a preview link made on one instance opens on the other, and revoking it on either ends it', async () => {
    const { id } = await createReport(a.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2032 });
    const link = await createPreviewLink(a.db, as.wenfeng, id, { days: 7 });
    expect((await openPreviewLink(b.db, link.token))?.year).toBe(2032);
    await revokePreviewLink(b.db, as.wenfeng, link.id);
    expect(await openPreviewLink(a.db, link.token)).toBeNull();
  });
});

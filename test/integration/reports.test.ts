import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../lib/db/client';
import { users, agencies } from '../../lib/db/schema';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { login, MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS } from '../../lib/auth/login';
import { getSessionUser, deleteSession } from '../../lib/auth/session';
import type { SessionUser } from '../../lib/auth/types';
import { AppError } from '../../lib/errors';
import { createReport, getReport, listCreatableAgencies, listReports, listVersions, saveReport } from '../../lib/server/reports';
import { backends } from '../support/databases';

const list = await backends();

async function expectAppError(p: Promise<unknown>, code: AppError['code']): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

for (const backend of list) {
  describe(`accounts and reports on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    const as: Record<string, SessionUser> = {};

    beforeAll(async () => {
      h = await backend.open();
      for (const name of ['ziwei', 'dongdajie', 'wenfeng', 'admin']) {
        const r = await login(h.db, { username: name, password: DEMO_PASSWORD, ip: '127.0.0.1' });
        if (!r.ok) throw new Error(r.message);
        as[name] = (await getSessionUser(h.db, r.token))!;
      }
    });
    afterAll(async () => h?.drop());

    it('creates the demo district, two offices and four accounts on first open', async () => {
      const names = (await h.db.select({ name: agencies.name }).from(agencies)).map((a) => a.name).sort();
      expect(names).toEqual(['文峰区', '文峰区东大街街道办事处', '文峰区紫薇大道街道办事处'].sort());
      expect(as.ziwei).toMatchObject({ role: 'filer', agencyName: '文峰区紫薇大道街道办事处' });
      expect(as.wenfeng).toMatchObject({ role: 'reviewer', agencyName: '文峰区' });
      const [u] = await h.db.select().from(users).where(eq(users.username, 'ziwei'));
      expect(u.passwordHash).toMatch(/^\$argon2id\$/);
    });

    it('refuses wrong passwords in Chinese, without telling which part was wrong, and rate-limits', async () => {
      const wrong = await login(h.db, { username: 'dongdajie', password: 'nope', ip: '10.0.0.1' });
      expect(wrong).toEqual({ ok: false, message: '用户名或密码错误' });
      const unknown = await login(h.db, { username: 'nobody', password: 'nope', ip: '10.0.0.1' });
      expect(unknown).toEqual({ ok: false, message: '用户名或密码错误' });
      for (let i = 0; i < MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS; i++) await login(h.db, { username: 'dongdajie', password: 'nope', ip: '10.0.0.2' });
      const limited = await login(h.db, { username: 'DongDaJie', password: DEMO_PASSWORD, ip: '10.0.0.2' });
      expect(limited.ok).toBe(false);
      expect((limited as { message: string }).message).toContain('次数过多');
    });

    it('ends sessions on logout and ignores forged tokens', async () => {
      const r = await login(h.db, { username: 'admin', password: DEMO_PASSWORD, ip: '127.0.0.1' });
      if (!r.ok) throw new Error(r.message);
      expect(await getSessionUser(h.db, r.token)).not.toBeNull();
      await deleteSession(h.db, r.token);
      expect(await getSessionUser(h.db, r.token)).toBeNull();
      expect(await getSessionUser(h.db, 'x'.repeat(43))).toBeNull();
      expect(await getSessionUser(h.db, "' or 1=1 --")).toBeNull();
    });

    it('a deactivated account can neither sign in nor keep using its session', async () => {
      const r = await login(h.db, { username: 'admin', password: DEMO_PASSWORD, ip: '127.0.0.1' });
      if (!r.ok) throw new Error(r.message);
      await h.db.update(users).set({ isActive: false }).where(eq(users.username, 'admin'));
      try {
        expect(await getSessionUser(h.db, r.token)).toBeNull();
        const again = await login(h.db, { username: 'admin', password: DEMO_PASSWORD, ip: '127.0.0.1' });
        expect(again.ok).toBe(false);
      } finally {
        // The next tests sign in as admin: a failure here must not leave the account off.
        await h.db.update(users).set({ isActive: true }).where(eq(users.username, 'admin'));
      }
    });

    it('lets a filer create only their own office’s report, once per year', async () => {
      const own = await listCreatableAgencies(h.db, as.ziwei);
      expect(own.map((a) => a.name)).toEqual(['文峰区紫薇大道街道办事处']);
      expect(await listCreatableAgencies(h.db, as.wenfeng)).toEqual([]);
      const { id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2024 });
      const dup = await expectAppError(createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2024 }), 'CONFLICT');
      expect(dup.details).toEqual({ id });
      await expectAppError(createReport(h.db, as.ziwei, { agencyId: as.dongdajie.agencyId, year: 2024 }), 'FORBIDDEN');
      await expectAppError(createReport(h.db, as.wenfeng, { agencyId: as.ziwei.agencyId, year: 2025 }), 'FORBIDDEN');
      await expectAppError(createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2019 }), 'INVALID');
      const rec = await getReport(h.db, as.ziwei, id);
      expect(rec).toMatchObject({ year: 2024, status: 'draft', version: 1, canEdit: true, agencyName: '文峰区紫薇大道街道办事处' });
      expect(rec.content.meta).toMatchObject({ agencyName: '文峰区紫薇大道街道办事处', year: 2024, totals: 'computed' });
      expect(rec.content.tables.table3.newReceived.natural).toBeNull();
    });

    it('scopes every read: own office for a filer, the district’s offices for its reviewer; others get NOT_FOUND', async () => {
      const { id } = await createReport(h.db, as.dongdajie, { agencyId: as.dongdajie.agencyId, year: 2024 });
      await expectAppError(getReport(h.db, as.ziwei, id), 'NOT_FOUND');
      await expectAppError(getReport(h.db, as.ziwei, 'not-a-uuid'), 'NOT_FOUND');
      await expectAppError(getReport(h.db, as.ziwei, '00000000-0000-4000-8000-000000000000'), 'NOT_FOUND');
      const seenByReviewer = await getReport(h.db, as.wenfeng, id);
      expect(seenByReviewer.canEdit).toBe(false);
      expect((await listReports(h.db, as.ziwei)).map((r) => r.agencyName)).toEqual(['文峰区紫薇大道街道办事处']);
      expect((await listReports(h.db, as.wenfeng)).map((r) => r.agencyName).sort()).toEqual(
        ['文峰区东大街街道办事处', '文峰区紫薇大道街道办事处'].sort(),
      );
      const content = seenByReviewer.content;
      await expectAppError(saveReport(h.db, as.ziwei, id, { baseVersion: 1, content }), 'NOT_FOUND');
      await expectAppError(saveReport(h.db, as.wenfeng, id, { baseVersion: 1, content }), 'FORBIDDEN');
    });

    it('a base version beyond what the database holds (2^31, 2^53−1) is refused in Chinese, never a database error (issue 26, 4)', async () => {
      const { id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2029 });
      const { content } = await getReport(h.db, as.ziwei, id);
      for (const baseVersion of [2 ** 31, Number.MAX_SAFE_INTEGER, 1.5, 0]) {
        const e = await expectAppError(saveReport(h.db, as.ziwei, id, { baseVersion, content }), 'INVALID');
        expect(e.message, String(baseVersion)).toMatch(/^保存请求格式不正确：版本号/);
      }
      expect((await saveReport(h.db, as.ziwei, id, { baseVersion: 2 ** 31 - 1, content })).ok).toBe(false);
    });

    it('saves with optimistic concurrency: every save a new version number, a stale save refused with the newer version’s details', async () => {
      const { id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2023 });
      const rec = await getReport(h.db, as.ziwei, id);
      const first = structuredClone(rec.content);
      first.text.overview.proactive = '第一次保存';
      const saved = await saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: first });
      expect(saved).toMatchObject({ ok: true, version: 2 });
      const stale = structuredClone(rec.content);
      stale.text.overview.proactive = '过期副本的保存';
      const refused = await saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: stale });
      expect(refused).toMatchObject({ ok: false, conflict: { version: 2, updatedByName: '紫薇大道街道填报员' } });
      expect((await getReport(h.db, as.ziwei, id)).content.text.overview.proactive).toBe('第一次保存');
      expect((await listVersions(h.db, as.ziwei, id)).map((v) => v.version)).toEqual([2, 1]);
    });

    it('two saves from the same version at the same moment: exactly one lands', async () => {
      const { id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2022 });
      const base = (await getReport(h.db, as.ziwei, id)).content;
      const results = await Promise.all(
        ['甲', '乙', '丙', '丁'].map((t) => {
          const c = structuredClone(base);
          c.text.overview.platform = t;
          return saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: c });
        }),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const final = await getReport(h.db, as.ziwei, id);
      expect(final.version).toBe(2);
      expect((await listVersions(h.db, as.ziwei, id)).map((v) => v.version)).toEqual([2, 1]);
    });

    it('validates what is saved: shape, sizes and the report year', async () => {
      const { id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2021 });
      const base = (await getReport(h.db, as.ziwei, id)).content;
      await expectAppError(saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: { ...base, tables: {} } }), 'INVALID');
      const huge = structuredClone(base);
      huge.text.overview.lead = '字'.repeat(20_001);
      await expectAppError(saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: huge }), 'INVALID');
      const extra = structuredClone(base) as unknown as { text: Record<string, Record<string, string>> };
      extra.text.overview.injected = 'x';
      await expectAppError(saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: extra }), 'INVALID');
      await expectAppError(saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: { ...base, meta: { ...base.meta, year: 2030 } } }), 'INVALID');
      // Cells awaiting confirmation after an import: only the template's cells, said in Chinese.
      const forged = { ...base, meta: { ...base.meta, toConfirm: { 'table3.granted.<img>': '原文在格内折行' } } };
      expect((await expectAppError(saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: forged }), 'INVALID')).message).toContain('待核对的单元格不存在');
      expect((await getReport(h.db, as.ziwei, id)).version).toBe(1);
      const marked = { ...base, meta: { ...base.meta, toConfirm: { 'table3.granted.natural': '原文在格内折行印作「300」「1」，已合为 3001' } } };
      expect(await saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: marked })).toMatchObject({ ok: true });
      expect((await getReport(h.db, as.ziwei, id)).content.meta.toConfirm).toEqual(marked.meta.toConfirm);
    });
  });
}

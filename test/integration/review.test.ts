import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DbHandle } from '../../lib/db/client';
import { agencies, reportEvents, reports, reportVersions, users } from '../../lib/db/schema';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { hashPassword } from '../../lib/auth/password';
import type { SessionUser } from '../../lib/auth/types';
import { AppError } from '../../lib/errors';
import { createReport, getReport, saveReport } from '../../lib/server/reports';
import { addComment, listComments, reportTimeline, resolveComment, reviewYearToOpen, setDeadline, transitionReport } from '../../lib/server/review';
import { districtOverview } from '../../lib/server/district-overview';
import { findingCounts, runChecks } from '../../lib/checks';
import { template2021 } from '../../templates/2021';
import { consistentReport } from '../support/generate';
import { backends } from '../support/databases';
import { failure } from '../support/failure';
import { signInDemo } from '../support/sign-in';

const list = await backends();

for (const backend of list) {
  describe(`the review workflow on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    const as: Record<string, SessionUser> = {};
    let id = '';

    const signIn = (username: string) => signInDemo(h.db, username);
    /** Saves a complete, consistent report as the filer; returns the new version. */
    const fillIn = async () => {
      const rec = await getReport(h.db, as.ziwei, id);
      const generated = consistentReport(31);
      const content = { ...generated, meta: { ...generated.meta, agencyName: rec.agencyName, year: rec.year } };
      const saved = await saveReport(h.db, as.ziwei, id, { baseVersion: rec.version, content });
      if (!saved.ok) throw new Error('save refused');
      return saved.version;
    };

    beforeAll(async () => {
      h = await backend.open();
      for (const u of ['ziwei', 'dongdajie', 'wenfeng', 'admin']) as[u] = await signIn(u);
      // A second district with its own reviewer, who must see nothing of 文峰区.
      const [other] = await h.db.insert(agencies).values({ name: '卫滨区' }).returning();
      await h.db.insert(users).values({
        username: 'weibin',
        displayName: '卫滨区政务公开办',
        role: 'reviewer',
        agencyId: other.id,
        passwordHash: await hashPassword(DEMO_PASSWORD),
      });
      as.weibin = await signIn('weibin');
      ({ id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2024 }));
    });
    afterAll(async () => h?.drop());

    it('the district\'s own report: its reviewer may approve it by default, marked in the history; with NIANBAO_SELF_APPROVAL=deny only the level above may (issue 26, 10)', async () => {
      await h.db.insert(users).values({
        username: 'wenfengfiler',
        displayName: '文峰区本级填报员',
        role: 'filer',
        agencyId: as.wenfeng.agencyId,
        passwordHash: await hashPassword(DEMO_PASSWORD),
      });
      const filer = await signIn('wenfengfiler');
      const own = await createReport(h.db, filer, { agencyId: filer.agencyId, year: 2027 });
      const rec = await getReport(h.db, filer, own.id);
      const g = consistentReport(32);
      const saved = await saveReport(h.db, filer, own.id, { baseVersion: rec.version, content: { ...g, meta: { ...g.meta, agencyName: rec.agencyName, year: 2027 } } });
      if (!saved.ok) throw new Error('save refused');
      await transitionReport(h.db, filer, own.id, { transition: 'submit', from: 'draft', version: saved.version });
      const approve = { transition: 'approve', from: 'submitted', version: saved.version };
      // deny: no 「审核通过」 offered, and the server refuses it; returning stays possible.
      expect((await getReport(h.db, as.wenfeng, own.id, 'deny')).transitions).toEqual(['return']);
      const refused = await failure(transitionReport(h.db, as.wenfeng, own.id, approve, 'deny'));
      expect(refused).toMatchObject({ code: 'FORBIDDEN', message: '本机关的报告须由上级机关审核通过，本机关的审核人不能自行通过' });
      // allow (the default): approved, and the history says it was the agency's own reviewer.
      expect((await getReport(h.db, as.wenfeng, own.id)).transitions).toContain('approve');
      await transitionReport(h.db, as.wenfeng, own.id, approve);
      const timeline = await reportTimeline(h.db, as.wenfeng, own.id);
      expect(timeline.map((e) => [e.to, e.selfApproval])).toEqual([
        ['submitted', false],
        ['approved', true],
      ]);
    });

    it('refuses to submit while hard checks fail, listing the errors', async () => {
      const e = await failure(transitionReport(h.db, as.ziwei, id, { transition: 'submit', from: 'draft', version: 1 }));
      expect(e.code).toBe('INVALID');
      expect(e.message).toContain('改正后才能提交审核');
      const errors = (e.details as { errors: { rule: string }[] }).errors;
      expect(errors.map((x) => x.rule)).toContain('R6');
      expect((await getReport(h.db, as.ziwei, id)).status).toBe('draft');
    });

    it('accepts a clean report; it is then read-only for the filer', async () => {
      const version = await fillIn();
      expect(await failure(transitionReport(h.db, as.ziwei, id, { transition: 'submit', from: 'draft', version: version - 1 }))).toMatchObject({ code: 'CONFLICT' });
      expect(await transitionReport(h.db, as.ziwei, id, { transition: 'submit', from: 'draft', version })).toEqual({ status: 'submitted', version });
      const rec = await getReport(h.db, as.ziwei, id);
      expect(rec.canEdit).toBe(false);
      expect(await failure(saveReport(h.db, as.ziwei, id, { baseVersion: version, content: rec.content }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(transitionReport(h.db, as.ziwei, id, { transition: 'submit', from: 'submitted', version }))).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('only the district’s reviewer may comment, return or approve', async () => {
      const { version } = await getReport(h.db, as.wenfeng, id);
      expect(await failure(transitionReport(h.db, as.ziwei, id, { transition: 'approve', from: 'submitted', version }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(transitionReport(h.db, as.dongdajie, id, { transition: 'approve', from: 'submitted', version }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(transitionReport(h.db, as.weibin, id, { transition: 'approve', from: 'submitted', version }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(transitionReport(h.db, as.admin, id, { transition: 'approve', from: 'submitted', version }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(addComment(h.db, as.ziwei, id, { section: 'overview', body: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(addComment(h.db, as.weibin, id, { section: 'overview', body: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(listComments(h.db, as.weibin, id))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('the reviewer comments on a section and a cell, and returns with a reason', async () => {
      await addComment(h.db, as.wenfeng, id, { section: 'overview', body: '<b>主动公开</b>部分请补充发布条数' });
      await addComment(h.db, as.wenfeng, id, { section: 'requestsTable', cell: 'table3.granted.natural', body: '=1+1 请核对予以公开的件数' });
      expect(await failure(addComment(h.db, as.wenfeng, id, { section: 'overview', cell: 'table3.granted.natural', body: 'x' }))).toMatchObject({ code: 'INVALID' });
      expect(await failure(addComment(h.db, as.wenfeng, id, { section: 'nope', body: 'x' }))).toMatchObject({ code: 'INVALID' });
      expect(await failure(addComment(h.db, as.wenfeng, id, { section: 'overview', body: '   ' }))).toMatchObject({ code: 'INVALID' });
      const { version } = await getReport(h.db, as.wenfeng, id);
      expect(await failure(transitionReport(h.db, as.wenfeng, id, { transition: 'return', from: 'submitted', version, reason: ' ' }))).toMatchObject({ code: 'INVALID' });
      expect(await transitionReport(h.db, as.wenfeng, id, { transition: 'return', from: 'submitted', version, reason: '请按意见修改' })).toMatchObject({ status: 'returned' });
      const comments = await listComments(h.db, as.ziwei, id);
      expect(comments.map((c) => [c.section, c.cell, c.body])).toEqual([
        ['overview', null, '<b>主动公开</b>部分请补充发布条数'],
        ['requestsTable', 'table3.granted.natural', '=1+1 请核对予以公开的件数'],
      ]);
      expect(comments.every((c) => c.authorName === '文峰区政务公开办' && c.resolvedAt === null)).toBe(true);
    });

    it('the filer resolves the comments, fixes, resubmits; the reviewer approves', async () => {
      expect((await getReport(h.db, as.ziwei, id)).canEdit).toBe(true);
      for (const c of await listComments(h.db, as.ziwei, id)) await resolveComment(h.db, as.ziwei, c.id);
      expect((await listComments(h.db, as.ziwei, id)).every((c) => c.resolvedAt !== null)).toBe(true);
      expect(await failure(resolveComment(h.db, as.dongdajie, (await listComments(h.db, as.ziwei, id))[0].id))).toMatchObject({ code: 'NOT_FOUND' });
      const version = await fillIn();
      await transitionReport(h.db, as.ziwei, id, { transition: 'submit', from: 'returned', version });
      expect(await transitionReport(h.db, as.wenfeng, id, { transition: 'approve', from: 'submitted', version })).toEqual({ status: 'approved', version });
      const timeline = await reportTimeline(h.db, as.ziwei, id);
      expect(timeline.map((e) => `${e.from}→${e.to}`)).toEqual(['draft→submitted', 'submitted→returned', 'returned→submitted', 'submitted→approved']);
      expect(timeline[1]).toMatchObject({ actorName: '文峰区政务公开办', reason: '请按意见修改' });
    });

    it('two reviewers acting at once on one submitted report: exactly one outcome, a complete trail', async () => {
      const { id: other } = await createReport(h.db, as.dongdajie, { agencyId: as.dongdajie.agencyId, year: 2024 });
      const rec = await getReport(h.db, as.dongdajie, other);
      const generated = consistentReport(5);
      const saved = await saveReport(h.db, as.dongdajie, other, {
        baseVersion: rec.version,
        content: { ...generated, meta: { ...generated.meta, agencyName: rec.agencyName, year: 2024 } },
      });
      if (!saved.ok) throw new Error('save refused');
      await transitionReport(h.db, as.dongdajie, other, { transition: 'submit', from: 'draft', version: saved.version });
      const outcomes = await Promise.allSettled([
        transitionReport(h.db, as.wenfeng, other, { transition: 'approve', from: 'submitted', version: saved.version }),
        transitionReport(h.db, as.wenfeng, other, { transition: 'return', from: 'submitted', version: saved.version, reason: '再核对' }),
        transitionReport(h.db, as.wenfeng, other, { transition: 'approve', from: 'submitted', version: saved.version }),
      ]);
      const ok = outcomes.filter((o) => o.status === 'fulfilled');
      expect(ok).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as AppError).code).toBe('CONFLICT');
      const final = await getReport(h.db, as.wenfeng, other);
      const events = await h.db.select().from(reportEvents).where(eq(reportEvents.reportId, other));
      expect(events).toHaveLength(2);
      expect(events.map((e) => e.toStatus)).toContain(final.status);
    });

    it('shows the district every agency with status, checks and lateness against its deadline', async () => {
      const before = await districtOverview(h.db, as.wenfeng, 2024, new Date('2025-01-20T00:00:00Z'));
      expect(before.deadline).toBe('2025-01-31');
      expect(before.rows.map((r) => r.agencyName)).toEqual(['文峰区东大街街道办事处', '文峰区紫薇大道街道办事处']);
      // Submitted while this test runs, long after 2025-01-31: late, though approved since.
      expect(before.rows.find((r) => r.agencyName.includes('紫薇'))).toMatchObject({ status: 'approved', errors: 0, isLate: true });
      const empty = await districtOverview(h.db, as.wenfeng, 2025, new Date('2026-02-02T00:00:00Z'));
      expect(empty.rows.every((r) => r.status === 'none' && r.isLate)).toBe(true);
      expect(empty.counts.none).toBe(2);
      await setDeadline(h.db, as.wenfeng, { year: 2025, dueDate: '2026-02-20' });
      expect((await districtOverview(h.db, as.wenfeng, 2025, new Date('2026-02-02T00:00:00Z'))).rows.some((r) => r.isLate)).toBe(false);
      expect(await failure(setDeadline(h.db, as.wenfeng, { year: 2025, dueDate: '2026-02-30' }))).toMatchObject({ code: 'INVALID' });
      expect(await failure(districtOverview(h.db, as.ziwei, 2024))).toMatchObject({ code: 'FORBIDDEN' });
      expect((await districtOverview(h.db, as.weibin, 2024)).rows).toEqual([]);
    });

    it('marks a report first submitted after the deadline day (in China) as late, and only that', async () => {
      const atSubmit = (iso: string) =>
        h.db.update(reportEvents).set({ at: new Date(iso) }).where(and(eq(reportEvents.reportId, id), eq(reportEvents.toStatus, 'submitted')));
      const ziwei = async () => (await districtOverview(h.db, as.wenfeng, 2024, new Date('2025-03-01T00:00:00Z'))).rows.find((r) => r.agencyName.includes('紫薇'))!;
      // 2025-01-31 23:00 in Beijing: on time.
      await atSubmit('2025-01-31T15:00:00Z');
      expect(await ziwei()).toMatchObject({ isLate: false, submittedAt: '2025-01-31T15:00:00.000Z' });
      // 2025-02-01 01:00 in Beijing: late, though the report has been approved since.
      await atSubmit('2025-01-31T17:00:00Z');
      expect(await ziwei()).toMatchObject({ status: 'approved', isLate: true });
    });

    it("counts errors and hints as the editor does (last year's report included), and opens on the year waiting for review", async () => {
      // Last year's report with the same text: the editor warns of paragraphs copied unchanged.
      const { id: lastId } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2023 });
      const current = await getReport(h.db, as.wenfeng, id);
      const saved = await saveReport(h.db, as.ziwei, lastId, { baseVersion: 1, content: { ...current.content, meta: { ...current.content.meta, year: 2023 } } });
      if (!saved.ok) throw new Error('save refused');
      const last = await getReport(h.db, as.wenfeng, lastId);
      const editor = findingCounts(runChecks(template2021, current.content, { lastYear: last.content }));
      expect(editor.warnings).toBeGreaterThan(findingCounts(runChecks(template2021, current.content)).warnings);
      const row = (await districtOverview(h.db, as.wenfeng, 2024)).rows.find((r) => r.reportId === id)!;
      expect({ errors: row.errors, warnings: row.warnings }).toEqual(editor);

      // Nothing waits for review: the latest year with reports. Then 2023 is submitted: 2023.
      expect(await reviewYearToOpen(h.db, as.wenfeng)).toBe(2024);
      await transitionReport(h.db, as.ziwei, lastId, { transition: 'submit', from: 'draft', version: saved.version });
      expect(await reviewYearToOpen(h.db, as.wenfeng)).toBe(2023);
      expect((await districtOverview(h.db, as.wenfeng, 2023)).counts.submitted).toBe(1);
      // A district with no reports opens on last calendar year (the year a report is written about).
      expect(await reviewYearToOpen(h.db, as.weibin, new Date('2027-01-10T00:00:00Z'))).toBe(2026);
    });

    it('approving a report with check errors lists them and needs 「仍然通过」 with a reason, recorded in the history', async () => {
      const { id: bad } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2022 });
      const generated = consistentReport(32);
      const content = { ...generated, meta: { ...generated.meta, agencyName: '文峰区紫薇大道街道办事处', year: 2022 } };
      const saved = await saveReport(h.db, as.ziwei, bad, { baseVersion: 1, content });
      if (!saved.ok) throw new Error('save refused');
      await transitionReport(h.db, as.ziwei, bad, { transition: 'submit', from: 'draft', version: saved.version });
      // What a demo report showed: the 总计 column off by 5 (a report submitted under older checks, or imported as printed).
      const off = structuredClone(content);
      off.meta.totals = 'asPrinted';
      off.tables.table3.newReceived.total = Number(off.tables.table3.newReceived.total) + 5;
      await h.db.update(reports).set({ content: off }).where(eq(reports.id, bad));
      const plain = await failure(transitionReport(h.db, as.wenfeng, bad, { transition: 'approve', from: 'submitted', version: saved.version }));
      expect(plain.code).toBe('INVALID');
      expect(plain.message).toContain('仍然通过');
      expect((plain.details as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
      expect(await failure(transitionReport(h.db, as.wenfeng, bad, { transition: 'approve', from: 'submitted', version: saved.version, override: true, reason: ' ' }))).toMatchObject({
        code: 'INVALID',
        message: '请填写仍然通过的理由',
      });
      expect(await transitionReport(h.db, as.wenfeng, bad, { transition: 'approve', from: 'submitted', version: saved.version, override: true, reason: '总计为上级核定数' })).toMatchObject({ status: 'approved' });
      const trail = await reportTimeline(h.db, as.ziwei, bad);
      expect(trail.at(-1)).toMatchObject({ to: 'approved', reason: expect.stringMatching(/^仍然通过（检查有 \d+ 处错误）：总计为上级核定数$/) });
    });

    it('the publication date asked at approval becomes the report\'s 发布日期 in a new version, the reviewed one kept, said in the history (issue 24, 8)', async () => {
      const { id: dated } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2021 });
      const generated = consistentReport(33);
      const content = { ...generated, meta: { ...generated.meta, agencyName: '文峰区紫薇大道街道办事处', year: 2021, publishDate: null } };
      const saved = await saveReport(h.db, as.ziwei, dated, { baseVersion: 1, content });
      if (!saved.ok) throw new Error('save refused');
      await transitionReport(h.db, as.ziwei, dated, { transition: 'submit', from: 'draft', version: saved.version });
      const approve = (publishDate: string) => transitionReport(h.db, as.wenfeng, dated, { transition: 'approve', from: 'submitted', version: saved.version, publishDate });
      expect(await failure(approve('2021-12-31'))).toMatchObject({ code: 'INVALID', message: '发布日期应在统计期限结束（2021-12-31）之后' });
      expect(await failure(approve('2022-02-30'))).toMatchObject({ code: 'INVALID', message: '发布日期不是有效日期' });
      expect(await approve('2022-01-25')).toEqual({ status: 'approved', version: saved.version + 1 });
      const rec = await getReport(h.db, as.ziwei, dated);
      expect(rec.content.meta.publishDate).toBe('2022-01-25');
      expect(rec.content.tables).toEqual(content.tables);
      const kept = await h.db.select({ version: reportVersions.version, content: reportVersions.content }).from(reportVersions).where(eq(reportVersions.reportId, dated));
      expect(kept.map((k) => k.version).sort()).toEqual([1, saved.version, saved.version + 1].sort());
      expect((kept.find((k) => k.version === saved.version)!.content as typeof content).meta.publishDate).toBeNull();
      const trail = await reportTimeline(h.db, as.ziwei, dated);
      expect(trail.at(-1)).toMatchObject({ to: 'approved', version: saved.version + 1, reason: '发布日期定为2022年1月25日' });
    });
  });
}

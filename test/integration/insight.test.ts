import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { DbHandle } from '../../lib/db/client';
import { and, eq } from 'drizzle-orm';
import { agencies, reports, reportVersions, users } from '../../lib/db/schema';
import { setCell } from '../../lib/report';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { hashPassword } from '../../lib/auth/password';
import type { SessionUser } from '../../lib/auth/types';
import type { Report } from '../../lib/report/types';
import { template2021 as template } from '../../templates/2021';
import { createReport, getReport, saveReport } from '../../lib/server/reports';
import { setDeadline, transitionReport } from '../../lib/server/review';
import { districtInsight, exportInsightXlsx } from '../../lib/server/insight';
import { computeIndicators } from '../../lib/insight/indicators';
import { consistentReport } from '../support/generate';
import { backends } from '../support/databases';
import { failure } from '../support/failure';
import { signInDemo } from '../support/sign-in';

const list = await backends();
const YEAR = 2024;

for (const backend of list) {
  describe(`the district insight on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    const as: Record<string, SessionUser> = {};
    const contents: Record<string, Report> = {};

    const signIn = (username: string) => signInDemo(h.db, username);
    /** The filer's report for `year`, filled with a consistent report of `seed`, submitted (and approved). */
    const file = async (filer: string, reviewer: string | null, year: number, seed: number) => {
      const { id } = await createReport(h.db, as[filer], { agencyId: as[filer].agencyId, year });
      const rec = await getReport(h.db, as[filer], id);
      const generated = consistentReport(seed, 30);
      const content = { ...generated, meta: { ...generated.meta, agencyName: rec.agencyName, year } };
      const saved = await saveReport(h.db, as[filer], id, { baseVersion: rec.version, content });
      if (!saved.ok) throw new Error('save refused');
      await transitionReport(h.db, as[filer], id, { transition: 'submit', from: 'draft', version: saved.version });
      if (reviewer) await transitionReport(h.db, as[reviewer], id, { transition: 'approve', from: 'submitted', version: saved.version });
      contents[`${filer}${year}`] = content;
    };

    beforeAll(async () => {
      h = await backend.open();
      for (const u of ['ziwei', 'dongdajie', 'wenfeng', 'admin']) as[u] = await signIn(u);
      const hash = await hashPassword(DEMO_PASSWORD);
      const [weibin] = await h.db.insert(agencies).values({ name: '卫滨区' }).returning();
      const [office] = await h.db.insert(agencies).values({ name: '卫滨区中同街街道办事处', parentId: weibin.id }).returning();
      await h.db.insert(users).values([
        { username: 'weibin', displayName: '卫滨区政务公开办', role: 'reviewer', agencyId: weibin.id, passwordHash: hash },
        { username: 'zhongtong', displayName: '中同街填报员', role: 'filer', agencyId: office.id, passwordHash: hash },
      ]);
      as.weibin = await signIn('weibin');
      as.zhongtong = await signIn('zhongtong');
      await file('ziwei', 'wenfeng', YEAR - 1, 21);
      await file('ziwei', 'wenfeng', YEAR, 22);
      await file('dongdajie', null, YEAR, 23);
      await file('zhongtong', 'weibin', YEAR, 24);
    });
    afterAll(async () => h?.drop());

    it('refuses a filer', async () => {
      expect(await failure(districtInsight(h.db, as.ziwei, { year: YEAR }))).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('reads the approved reports of the scope only, with the trend over every year held', async () => {
      const s = await districtInsight(h.db, as.wenfeng, { year: YEAR, include: 'approved' });
      expect(s.units).toBe(1);
      const want = computeIndicators(template, [{ agencyId: as.ziwei.agencyId, agencyName: '文峰区紫薇大道街道办事处', report: contents[`ziwei${YEAR}`] }]);
      expect(s.indicators.map((i) => [i.key, i.numerator, i.denominator])).toEqual(want.map((i) => [i.key, i.numerator, i.denominator]));
      expect(s.trend.map((p) => [p.year, p.units, p.newReceived])).toEqual([
        [YEAR - 1, 1, contents[`ziwei${YEAR - 1}`].tables.table3.newReceived.total],
        [YEAR, 1, contents[`ziwei${YEAR}`].tables.table3.newReceived.total],
      ]);
      expect(s.completion).toEqual([{ level: 1, counts: expect.objectContaining({ approved: 1, submitted: 1, none: 0 }) }]);
      // 卫滨区's office is in no figure of 文峰区.
      expect(JSON.stringify(s)).not.toContain('中同街');
    });

    it('adds submitted reports on request, and ranks the units', async () => {
      const s = await districtInsight(h.db, as.admin, { year: YEAR, include: 'submitted', rank: 'newReceived' });
      expect(s.units).toBe(2);
      const values = s.ranking.map((a) => a.value!);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      expect(values.reduce((a, b) => a + b, 0)).toBe(s.indicators.find((i) => i.key === 'newReceived')!.numerator);
      expect(await failure(districtInsight(h.db, as.admin, { year: YEAR, rank: 'nonsense' }))).toMatchObject({ code: 'INVALID', message: '排名指标无效' });
    });

    it('flags a report approved after the district’s deadline', async () => {
      await setDeadline(h.db, as.wenfeng, { year: YEAR, dueDate: '2020-01-31' });
      const s = await districtInsight(h.db, as.wenfeng, { year: YEAR });
      expect(s.deadline).toBe('2020-01-31');
      expect(s.flags.filter((f) => f.rule === 'late').map((f) => f.agencyName)).toEqual(['文峰区紫薇大道街道办事处']);
      expect(s.completion[0].counts.late).toBe(2);
    });

    it('flags totals that disagreed with their details in the report as imported', async () => {
      const [rep] = await h.db.select({ id: reports.id }).from(reports).where(and(eq(reports.agencyId, as.ziwei.agencyId), eq(reports.year, YEAR)));
      const stored = contents[`ziwei${YEAR}`];
      // As imported: totals as printed, one of them off; the stored version was recomputed since.
      const imported = setCell({ ...stored, meta: { ...stored.meta, totals: 'asPrinted' } }, { table: 'table4', row: 'review', col: 'total' }, 999);
      expect((await districtInsight(h.db, as.wenfeng, { year: YEAR })).flags.filter((f) => f.rule === 'totals')).toEqual([]);
      await h.db.update(reportVersions).set({ content: imported }).where(and(eq(reportVersions.reportId, rep.id), eq(reportVersions.version, 1)));
      const flags = (await districtInsight(h.db, as.wenfeng, { year: YEAR })).flags.filter((f) => f.rule === 'totals');
      expect(flags.map((f) => f.agencyName)).toEqual(['文峰区紫薇大道街道办事处']);
      expect(flags[0].message.startsWith('导入的原报告：')).toBe(true);
      expect(flags[0].cells).toContainEqual(expect.objectContaining({ id: 'table4.review.total', value: 999 }));
    });

    it('exports the indicator table as XLSX', async () => {
      const file = await exportInsightXlsx(h.db, as.wenfeng, { year: YEAR });
      expect(file.fileName).toBe(`文峰区${YEAR}年度政府信息公开分析.xlsx`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(['指标', '各单位', '风险提示']);
      const rows = book.getWorksheet('指标')!.getSheetValues().filter(Boolean) as unknown[][];
      expect(rows.some((r) => r.includes('实质公开率'))).toBe(true);
    });
  });
}

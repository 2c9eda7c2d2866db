import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DbHandle } from '../../lib/db/client';
import { agencies, reports, users } from '../../lib/db/schema';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { hashPassword } from '../../lib/auth/password';
import type { SessionUser } from '../../lib/auth/types';
import { getCell, setCell } from '../../lib/report';
import type { Report } from '../../lib/report/types';
import { SUMMED_TABLES } from '../../lib/summary';
import { sectionHeading, sectionOfTable, tableCells, tableName } from '../../lib/template/walk';
import { buildDocument } from '../../lib/document';
import { template2021 as template } from '../../templates/2021';
import { createReport, getReport, saveReport } from '../../lib/server/reports';
import { addComment, listComments, transitionReport } from '../../lib/server/review';
import { renderReportFile } from '../../lib/server/documents';
import { districtSummary, exportSummary } from '../../lib/server/summary';
import { consistentReport } from '../support/generate';
import { backends } from '../support/databases';
import { failure } from '../support/failure';
import { signInDemo } from '../support/sign-in';

const list = await backends();
const YEAR = 2024;
const countCells = SUMMED_TABLES.flatMap((k) => tableCells(template, k)).filter((c) => c.valueType === 'count');
// An agency name a spreadsheet would run as a formula: every export must neutralise it.
const HOSTILE = '=HYPERLINK("http://x","点此")街道办事处';

for (const backend of list) {
  describe(`the district summary on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    const as: Record<string, SessionUser> = {};
    const contents: Record<string, Report> = {};
    const ids: Record<string, string> = {};

    const signIn = (username: string) => signInDemo(h.db, username);
    /** Creates, fills (a consistent report of `seed`) and submits the filer's report for YEAR. */
    const submitted = async (filer: string, seed: number) => {
      const { id } = await createReport(h.db, as[filer], { agencyId: as[filer].agencyId, year: YEAR });
      const rec = await getReport(h.db, as[filer], id);
      const generated = consistentReport(seed);
      const content = { ...generated, meta: { ...generated.meta, agencyName: rec.agencyName, year: YEAR } };
      const saved = await saveReport(h.db, as[filer], id, { baseVersion: rec.version, content });
      if (!saved.ok) throw new Error('save refused');
      await transitionReport(h.db, as[filer], id, { transition: 'submit', from: 'draft', version: saved.version });
      ids[filer] = id;
      contents[filer] = content;
      return saved.version;
    };
    const sumOf = (names: string[], cell: (typeof countCells)[number]) => names.reduce((s, n) => s + (getCell(contents[n], cell) as number), 0);

    beforeAll(async () => {
      h = await backend.open();
      for (const u of ['ziwei', 'dongdajie', 'wenfeng', 'admin']) as[u] = await signIn(u);
      // Another district, with its reviewer and one street office (named to trip a spreadsheet).
      const hash = await hashPassword(DEMO_PASSWORD);
      const [weibin] = await h.db.insert(agencies).values({ name: '卫滨区' }).returning();
      const [office] = await h.db.insert(agencies).values({ name: HOSTILE, parentId: weibin.id }).returning();
      await h.db.insert(users).values([
        { username: 'weibin', displayName: '卫滨区政务公开办', role: 'reviewer', agencyId: weibin.id, passwordHash: hash },
        { username: 'zhongtong', displayName: '中同街填报员', role: 'filer', agencyId: office.id, passwordHash: hash },
      ]);
      as.weibin = await signIn('weibin');
      as.zhongtong = await signIn('zhongtong');
      const v = await submitted('ziwei', 11);
      await transitionReport(h.db, as.wenfeng, ids.ziwei, { transition: 'approve', from: 'submitted', version: v });
      await submitted('dongdajie', 12);
      const w = await submitted('zhongtong', 13);
      await transitionReport(h.db, as.weibin, ids.zhongtong, { transition: 'approve', from: 'submitted', version: w });
    });
    afterAll(async () => h?.drop());

    it('approved only: the one approved report, cell for cell, and a balanced sum', async () => {
      const s = await districtSummary(h.db, as.wenfeng, { year: YEAR, include: 'approved' });
      expect(s.districtName).toBe('文峰区');
      expect(s.counts).toEqual({ none: 0, draft: 0, submitted: 1, returned: 0, approved: 1 });
      expect(s.agencies.map((a) => [a.agencyName, a.status, a.isIncluded])).toEqual([
        ['文峰区东大街街道办事处', 'submitted', false],
        ['文峰区紫薇大道街道办事处', 'approved', true],
      ]);
      expect(s.included).toBe(1);
      for (const c of countCells) expect(getCell(s.report, c), `${c.table}.${c.row}.${c.col}`).toBe(sumOf(['ziwei'], c));
      expect(s.findings).toEqual([]);
      expect(s.report.meta.agencyName).toBe('文峰区');
    });

    it('submitted: submitted and approved reports added together; the admin sees the same', async () => {
      const s = await districtSummary(h.db, as.wenfeng, { year: String(YEAR), include: 'submitted' });
      expect(s.included).toBe(2);
      expect(s.agencies.every((a) => a.isIncluded)).toBe(true);
      for (const c of countCells) expect(getCell(s.report, c)).toBe(sumOf(['ziwei', 'dongdajie'], c));
      expect(s.findings).toEqual([]);
      const byAdmin = await districtSummary(h.db, as.admin, { year: YEAR, include: 'submitted' });
      expect(byAdmin.report).toEqual(s.report);
    });

    it('an agency whose printed total is wrong makes the sum unbalanced, with both sides', async () => {
      // As an imported report would hold it: totals as printed, one of them off by 2.
      const total = { table: 'table4', row: 'review', col: 'total' } as const;
      const wrong = setCell({ ...contents.dongdajie, meta: { ...contents.dongdajie.meta, totals: 'asPrinted' } }, total, (getCell(contents.dongdajie, total) as number) + 2);
      await h.db.update(reports).set({ content: wrong }).where(eq(reports.id, ids.dongdajie));
      try {
        const s = await districtSummary(h.db, as.wenfeng, { year: YEAR, include: 'submitted' });
        expect(s.findings.map((f) => [f.rule, f.severity, f.difference])).toEqual([['R4', 'error', 2]]);
        expect(s.findings[0].lhs?.value).toBe(sumOf(['ziwei', 'dongdajie'], { ...total, valueType: 'count' } as (typeof countCells)[number]) + 2);
        // The approved-only sum does not include it and stays balanced.
        expect((await districtSummary(h.db, as.wenfeng, { year: YEAR, include: 'approved' })).findings).toEqual([]);
      } finally {
        await h.db.update(reports).set({ content: contents.dongdajie }).where(eq(reports.id, ids.dongdajie));
      }
    });

    it('a year without reports: every agency 未开始, nothing summed, no findings', async () => {
      const s = await districtSummary(h.db, as.wenfeng, { year: 2025 });
      expect(s.include).toBe('approved');
      expect(s.counts.none).toBe(2);
      expect(s.included).toBe(0);
      expect(s.findings).toEqual([]);
    });

    it('only reviewers and admins, only their own district', async () => {
      expect(await failure(districtSummary(h.db, as.ziwei, { year: YEAR }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(exportSummary(h.db, as.zhongtong, { year: YEAR }, 'csv'))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(districtSummary(h.db, as.wenfeng, { year: 'x' }))).toMatchObject({ code: 'INVALID' });
      expect(await failure(districtSummary(h.db, as.wenfeng, { year: YEAR, include: 'all' }))).toMatchObject({ code: 'INVALID' });
      const other = await districtSummary(h.db, as.weibin, { year: YEAR, include: 'submitted' });
      expect(other.agencies.map((a) => a.agencyName)).toEqual([HOSTILE]);
      for (const c of countCells) expect(getCell(other.report, c)).toBe(sumOf(['zhongtong'], c));
      expect(JSON.stringify(other)).not.toContain('文峰区');
      const csv = (await exportSummary(h.db, as.weibin, { year: YEAR, include: 'submitted' }, 'csv')).bytes.toString('utf8');
      expect(csv).not.toContain('文峰区');
    });

    it('a reviewer of another district: every report service answers not found', async () => {
      const id = ids.ziwei;
      expect(await failure(getReport(h.db, as.weibin, id))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(renderReportFile(h.db, as.weibin, id, 'docx'))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(listComments(h.db, as.weibin, id))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(addComment(h.db, as.weibin, id, { section: 'overview', body: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(saveReport(h.db, as.weibin, id, { baseVersion: 1, content: contents.ziwei }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(transitionReport(h.db, as.weibin, id, { transition: 'return', from: 'approved', version: 1, reason: 'x' }))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await failure(createReport(h.db, as.weibin, { agencyId: as.ziwei.agencyId, year: 2030 }))).toMatchObject({ code: 'FORBIDDEN' });
      // …and the 文峰区 reviewer likewise sees nothing of 卫滨区.
      expect(await failure(getReport(h.db, as.wenfeng, ids.zhongtong))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('CSV: BOM, header, every summed cell, then the agencies; formula-like names neutralised', async () => {
      const file = await exportSummary(h.db, as.weibin, { year: YEAR, include: 'approved' }, 'csv');
      expect(file.fileName).toBe('卫滨区2024年度政府信息公开情况汇总.csv');
      expect(file.contentType).toBe('text/csv; charset=utf-8');
      expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = file.bytes.toString('utf8').slice(1).split('\r\n');
      const cells = SUMMED_TABLES.flatMap((k) => tableCells(template, k));
      expect(lines[0]).toBe('表,行,列,合计');
      expect(lines.slice(1, 1 + cells.length).every((l) => /^[二三四],/.test(l))).toBe(true);
      expect(lines[1 + cells.length]).toBe('');
      expect(lines[2 + cells.length]).toBe('机关,状态,计入汇总');
      expect(lines[3 + cells.length]).toBe(`"'=HYPERLINK(""http://x"",""点此"")街道办事处",已通过,是`);
      expect(lines.filter((l) => l.startsWith('=') || l.includes(',='))).toEqual([]);
    });

    it('XLSX: 表二, 表三, 表四 as printed (merged headers, exact labels, numbers), then the agencies', async () => {
      const file = await exportSummary(h.db, as.wenfeng, { year: YEAR, include: 'submitted' }, 'xlsx');
      expect(file.fileName).toBe('文峰区2024年度政府信息公开情况汇总.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['表二', '表三', '表四', '机关']);
      const summary = await districtSummary(h.db, as.wenfeng, { year: YEAR, include: 'submitted' });
      const doc = buildDocument(template, summary.report);
      for (const block of doc.blocks) {
        if (block.kind !== 'table') continue;
        const sheet = wb.getWorksheet(tableName(template, block.table.key))!;
        expect(sheet.getCell(1, 1).value).toBe(sectionHeading(sectionOfTable(template, block.table.key)));
        for (const cell of block.table.rows.flatMap((r) => r.cells)) {
          const at = sheet.getCell(cell.row + 2, cell.col + 1);
          if (cell.role === 'value') {
            // Every summed count is a number cell holding the sum of the two reports.
            const value = getCell(summary.report, cell.ref!);
            if (cell.ref!.col !== 'amount') {
              expect(at.type, `${cell.ref!.table}.${cell.ref!.row}.${cell.ref!.col}`).toBe(ExcelJS.ValueType.Number);
              expect(at.value).toBe(value);
            }
          } else {
            // Labels exactly as the template prints them, merged as printed.
            expect(at.value).toBe(cell.text);
            if (cell.rowSpan > 1 || cell.colSpan > 1) {
              const far = sheet.getCell(cell.row + 1 + cell.rowSpan, cell.col + cell.colSpan);
              expect(far.isMerged).toBe(true);
              expect(far.master.address).toBe(at.address);
            }
          }
        }
      }
      const first = countCells.find((c) => c.table === 'table3')!;
      const t3 = doc.blocks.flatMap((b) => (b.kind === 'table' && b.table.key === 'table3' ? b.table.rows.flatMap((r) => r.cells) : []));
      const firstCell = t3.find((c) => c.ref?.row === first.row && c.ref.col === first.col)!;
      expect(wb.getWorksheet('表三')!.getCell(firstCell.row + 2, firstCell.col + 1).value).toBe(sumOf(['ziwei', 'dongdajie'], first));
      // 表三's 申请人情况 header spans the applicant columns.
      const applicants = t3.find((c) => c.text === '申请人情况')!;
      expect(applicants.colSpan).toBeGreaterThan(1);
      expect(wb.getWorksheet('表三')!.getCell(applicants.row + 2, applicants.col + 2).master.value).toBe('申请人情况');
      expect(wb.getWorksheet('机关')!.getCell('A2').value).toBe('文峰区东大街街道办事处');
      expect(wb.getWorksheet('机关')!.getCell('B2').value).toBe('已提交');
    });
  });
}

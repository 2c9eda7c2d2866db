/**
 * Issue 10 at the service level: characters PostgreSQL cannot store, numbers beyond what a cell
 * holds, and a report saved under another agency's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../lib/db/client';
import { agencies, reports } from '../../lib/db/schema';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { login } from '../../lib/auth/login';
import { getSessionUser } from '../../lib/auth/session';
import type { SessionUser } from '../../lib/auth/types';
import { createReport, getReport, saveReport } from '../../lib/server/reports';
import { addComment, transitionReport } from '../../lib/server/review';
import { createAgency, renameAgency } from '../../lib/server/admin';
import { renderReportFile } from '../../lib/server/documents';
import { MAX_COUNT } from '../../lib/report/schema';
import type { Report } from '../../lib/report/types';
import { consistentReport } from '../support/generate';
import { readPdf, flatText } from '../support/pdf-text';
import { backends } from '../support/databases';
import { failure } from '../support/failure';

const list = await backends();
const CHINESE = /[\u4e00-\u9fff]/;

for (const backend of list) {
  describe(`hostile input on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    const as: Record<string, SessionUser> = {};
    let id: string;
    const signIn = async (name: string) => {
      const r = await login(h.db, { username: name, password: DEMO_PASSWORD, ip: '127.0.0.1' });
      if (!r.ok) throw new Error(r.message);
      return (await getSessionUser(h.db, r.token))!;
    };
    const current = async () => getReport(h.db, as.ziwei, id);
    const save = async (edit: (r: Report) => Report) => {
      const rec = await current();
      return saveReport(h.db, as.ziwei, id, { baseVersion: rec.version, content: edit(rec.content) });
    };
    const filled = (agencyName: string): Report => {
      const g = consistentReport(7);
      return { ...g, meta: { ...g.meta, agencyName, year: 2024 } };
    };

    beforeAll(async () => {
      h = await backend.open();
      for (const u of ['ziwei', 'wenfeng', 'admin']) as[u] = await signIn(u);
      ({ id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2024 }));
    }, 60_000);
    afterAll(async () => h?.drop());

    it('stores report text cleaned of NUL, lone surrogates and other control characters', async () => {
      const saved = await save((r) => {
        const text = structuredClone(r.text);
        const [section] = Object.keys(text);
        const [part] = Object.keys(text[section]);
        text[section][part] = 'a\u0000b\ud800c\u0007d😀\te\nf';
        return { ...r, text, meta: { ...r.meta, contact: '电话\u0000123' } };
      });
      expect(saved.ok).toBe(true);
      const rec = await current();
      const [section] = Object.keys(rec.content.text);
      const [part] = Object.keys(rec.content.text[section]);
      expect(rec.content.text[section][part]).toBe('abcd😀\te\nf');
      expect(rec.content.meta.contact).toBe('电话123');
    });

    it('cleans an imported report the same way', async () => {
      const g = filled('文峰区紫薇大道街道办事处\u0000');
      const { id: imported } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2023, content: { ...g, meta: { ...g.meta, year: 2023 } } });
      expect((await getReport(h.db, as.ziwei, imported)).content.meta.agencyName).toBe('文峰区紫薇大道街道办事处');
    });

    it('refuses NUL and lone surrogates in comments, reasons and admin names with a Chinese 400', async () => {
      for (const body of ['a\u0000b', 'a\ud800b']) {
        const e = await failure(addComment(h.db, as.wenfeng, id, { section: 'meta', body }));
        expect(e.code).toBe('INVALID');
        expect(e.message).toMatch(CHINESE);
      }
      const reason = await failure(transitionReport(h.db, as.wenfeng, id, { transition: 'return', from: 'draft', version: 1, reason: 'x\u0000' }));
      expect(reason.code).toBe('INVALID');
      for (const name of ['某\u0000街道', '某\ud800街道']) {
        const e = await failure(createAgency(h.db, as.admin, { name, parentId: as.admin.agencyId }));
        expect(e).toMatchObject({ code: 'INVALID' });
        expect(e.message).toMatch(CHINESE);
      }
    });

    it('refuses counts beyond the declared range in a draft, and amounts beyond it at submission', async () => {
      for (const bad of [12345678901234567, MAX_COUNT + 1, -(MAX_COUNT + 1)]) {
        const e = await failure(save((r) => ({ ...r, tables: { ...r.tables, table2: { ...r.tables.table2, [Object.keys(r.tables.table2)[0]]: { ...Object.values(r.tables.table2)[0], [Object.keys(Object.values(r.tables.table2)[0])[0]]: bad } } } })));
        expect(e.code).toBe('INVALID');
        expect(e.message).toContain('数字过大');
      }
      // The largest count is stored exactly.
      const row = Object.keys(filled('x').tables.table2)[0];
      const col = Object.keys(filled('x').tables.table2[row])[0];
      expect((await save((r) => ({ ...filled(r.meta.agencyName), tables: { ...filled('x').tables, table2: { ...filled('x').tables.table2, [row]: { ...filled('x').tables.table2[row], [col]: MAX_COUNT } } } }))).ok).toBe(true);
      expect((await current()).content.tables.table2[row][col]).toBe(MAX_COUNT);
      // An amount of 10^9 万元 is kept in a draft (a typo to correct) but blocks submission.
      // An amount of 10^9 万元 (表二 行政事业性收费) is kept in a draft, a typo to correct, but blocks submission.
      const hugeFee = (r: Report): Report => {
        const base = filled(r.meta.agencyName);
        return { ...base, tables: { ...base.tables, table2: { ...base.tables.table2, administrativeFees: { ...base.tables.table2.administrativeFees, amount: '1000000000.5' } } } };
      };
      expect((await save(hugeFee)).ok).toBe(true);
      const rec = await current();
      const e = await failure(transitionReport(h.db, as.ziwei, id, { transition: 'submit', from: 'draft', version: rec.version }));
      expect(e.message).toContain('改正后才能提交审核');
      expect(JSON.stringify(e.details)).toContain('小于 10 亿万元');
    });

    it('prints the registered agency name, whatever name the filer typed', async () => {
      const other = '文峰区东大街街道办事处';
      expect((await save(() => filled(other))).ok).toBe(true);
      const rec = await current();
      expect(rec.content.meta.agencyName).toBe(other); // kept, so the editor can show the difference
      await transitionReport(h.db, as.ziwei, id, { transition: 'submit', from: 'draft', version: rec.version });
      await transitionReport(h.db, as.wenfeng, id, { transition: 'approve', from: 'submitted', version: rec.version });
      const registered = '文峰区紫薇大道街道办事处';
      const pdf = await renderReportFile(h.db, as.ziwei, id, 'pdf');
      expect(pdf.fileName).toBe(`${registered}2024年政府信息公开工作年度报告.pdf`);
      const read = await readPdf(pdf.bytes);
      expect(read.info.Author).toBe(registered);
      expect(read.info.Title).toContain(registered);
      expect(flatText(read)).toContain(registered.slice(0, 8));
      expect(flatText(read)).not.toContain('东大街');
      const docx = await renderReportFile(h.db, as.ziwei, id, 'docx');
      expect(docx.fileName.startsWith(registered)).toBe(true);
      // Only an admin changes the registered name, and the print follows it.
      const e = await failure(renameAgency(h.db, as.ziwei, as.ziwei.agencyId, { name: other + '二' }));
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(e.code);
      await renameAgency(h.db, as.admin, as.ziwei.agencyId, { name: '文峰区紫薇街道办事处' });
      expect((await renderReportFile(h.db, as.ziwei, id, 'pdf')).fileName).toBe('文峰区紫薇街道办事处2024年政府信息公开工作年度报告.pdf');
      const [agency] = await h.db.select().from(agencies).where(eq(agencies.id, as.ziwei.agencyId));
      expect(agency.name).toBe('文峰区紫薇街道办事处');
      expect((await h.db.select({ c: reports.content }).from(reports).where(eq(reports.id, id)))[0].c.meta.agencyName).toBe(other);
    }, 120_000);
  });
}

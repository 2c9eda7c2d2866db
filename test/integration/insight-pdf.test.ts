import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../lib/db/client';
import type { SessionUser } from '../../lib/auth/types';
import { createReport, getReport, saveReport } from '../../lib/server/reports';
import { transitionReport } from '../../lib/server/review';
import { exportInsightPdf } from '../../lib/server/insight-pdf';
import { createPdfPool } from '../../lib/render/pdf';
import { flatText, readPdf } from '../support/pdf-text';
import { consistentReport } from '../support/generate';
import { backends } from '../support/databases';
import { failure } from '../support/failure';
import { signInDemo } from '../support/sign-in';

const list = await backends();
const YEAR = 2024;
const pool = createPdfPool({ size: 1 });
afterAll(() => pool.close());

for (const backend of list) {
  describe(`the insight PDF on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    const as: Record<string, SessionUser> = {};

    const signIn = (username: string) => signInDemo(h.db, username);

    beforeAll(async () => {
      h = await backend.open();
      for (const u of ['ziwei', 'wenfeng', 'admin']) as[u] = await signIn(u);
      const { id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: YEAR });
      const rec = await getReport(h.db, as.ziwei, id);
      const generated = consistentReport(31, 30);
      const saved = await saveReport(h.db, as.ziwei, id, { baseVersion: rec.version, content: { ...generated, meta: { ...generated.meta, agencyName: rec.agencyName, year: YEAR } } });
      if (!saved.ok) throw new Error('save refused');
      await transitionReport(h.db, as.ziwei, id, { transition: 'submit', from: 'draft', version: saved.version });
      await transitionReport(h.db, as.wenfeng, id, { transition: 'approve', from: 'submitted', version: saved.version });
    });
    afterAll(async () => h?.drop());

    it('refuses a filer before anything is rendered', async () => {
      expect(await failure(exportInsightPdf(h.db, as.ziwei, { year: YEAR }, { pool }))).toMatchObject({ code: 'FORBIDDEN', message: '只有审核人和管理员可以查看辖区分析' });
      expect(pool.pending(as.ziwei.id)).toBe(0);
    });

    it('refuses a year out of range in Chinese', async () => {
      const e = await failure(exportInsightPdf(h.db, as.wenfeng, { year: '1999' }, { pool }));
      expect(e.code).toBe('INVALID');
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it("renders the reviewer's district in the worker pool, named after the insight's title", async () => {
      const file = await exportInsightPdf(h.db, as.wenfeng, { year: YEAR, include: 'approved', rank: 'newReceived' }, { pool });
      expect(file.fileName).toBe(`文峰区${YEAR}年度政府信息公开分析.pdf`);
      expect(file.contentType).toBe('application/pdf');
      const text = flatText(await readPdf(file.bytes));
      expect(text).toContain(`文峰区${YEAR}年度政府信息公开分析`);
      expect(text).toContain('计入1个单位的报告');
      expect(text).toContain('三、各单位依申请新收排名');
      expect(text).toContain('文峰区紫薇大道街道办事处');
      expect(pool.pending(as.wenfeng.id)).toBe(0);
    }, 60_000);
  });
}

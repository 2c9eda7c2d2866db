import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../lib/db/client';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { login } from '../../lib/auth/login';
import { getSessionUser } from '../../lib/auth/session';
import type { SessionUser } from '../../lib/auth/types';
import { createReport, getReport, saveReport } from '../../lib/server/reports';
import { reportTimeline } from '../../lib/server/review';
import { fillBlanksWithZero } from '../../lib/server/fill-blanks';
import { backends } from '../support/databases';
import { failure } from '../support/failure';

const list = await backends();

for (const backend of list) {
  describe(`「未填写的单元格填 0」 on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    const as: Record<string, SessionUser> = {};
    beforeAll(async () => {
      h = await backend.open();
      for (const u of ['ziwei', 'dongdajie']) {
        const r = await login(h.db, { username: u, password: DEMO_PASSWORD, ip: '127.0.0.1' });
        if (!r.ok) throw new Error(r.message);
        as[u] = (await getSessionUser(h.db, r.token))!;
      }
    });
    afterAll(async () => h?.drop());

    it('fills only that table’s blank cells a clerk types, recomputes totals, and records how many cells and which rows', async () => {
      const { id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2024 });
      const rec = await getReport(h.db, as.ziwei, id);
      const content = structuredClone(rec.content);
      content.tables.table3.newReceived.natural = 7;
      const saved = await saveReport(h.db, as.ziwei, id, { baseVersion: rec.version, content });
      if (!saved.ok) throw new Error('save refused');
      expect(await failure(fillBlanksWithZero(h.db, as.dongdajie, id, { table: 'table3', version: saved.version }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(fillBlanksWithZero(h.db, as.ziwei, id, { table: 'table3', version: saved.version - 1 }))).toMatchObject({ code: 'CONFLICT' });
      const done = await fillBlanksWithZero(h.db, as.ziwei, id, { table: 'table3', version: saved.version });
      expect(done.cells).toBe(24 * 6 - 1);
      expect(done.note).toBe('未填写的单元格填 0：表三 143 格，共 24 行（「一、本年新收政府信息公开申请数量」「二、上年结转政府信息公开申请数量」「（一）予以公开」等）');
      const after = await getReport(h.db, as.ziwei, id);
      expect(after.version).toBe(done.version);
      expect(after.content.tables.table3.newReceived).toMatchObject({ natural: 7, business: 0, total: 7 });
      expect(after.content.tables.table3.resultsTotal.total).toBe(0);
      // Other tables keep their blanks.
      expect(after.content.tables.table2.rules.issued).toBeNull();
      expect(after.content.tables.table4.review.upheld).toBeNull();
      const trail = await reportTimeline(h.db, as.ziwei, id);
      expect(trail.at(-1)).toMatchObject({ from: 'draft', to: 'draft', version: done.version, reason: done.note });
      // Nothing left to fill.
      expect(await failure(fillBlanksWithZero(h.db, as.ziwei, id, { table: 'table3', version: done.version }))).toMatchObject({ code: 'INVALID' });
      // 表二's amount becomes 「0」.
      const t2 = await fillBlanksWithZero(h.db, as.ziwei, id, { table: 'table2', version: done.version });
      expect(t2.cells).toBe(10);
      expect((await getReport(h.db, as.ziwei, id)).content.tables.table2.administrativeFees.amount).toBe('0');
    });
  });
}

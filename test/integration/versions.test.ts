/**
 * Which versions are kept (ARCHITECTURE.md, 「Autosave and kept versions」): the autosaves of one
 * editing burst replace each other in `reports`; report_versions keeps version 1, the version a
 * status change was made on, and the current version when a save starts a new burst (another
 * user, a pause, or KEEP_VERSION_EVERY_SAVES saves since the last kept one). A pause is made by
 * backdating the last save, as a pause would leave it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { reports, reportVersions, users } from '../../lib/db/schema';
import type { SessionUser } from '../../lib/auth/types';
import { createReport, getReport, KEEP_VERSION_AFTER_PAUSE_MINUTES, KEEP_VERSION_EVERY_SAVES, listVersions, saveReport } from '../../lib/server/reports';
import { compareVersions } from '../../lib/server/compare';
import { transitionReport } from '../../lib/server/review';
import type { Report } from '../../lib/report/types';
import { consistentReport } from '../support/generate';
import { backends, type OpenedBackend } from '../support/databases';
import { signInDemo } from '../support/sign-in';

const list = await backends();

for (const backend of list) {
  describe(`kept versions on ${backend.name}`, () => {
    let h: OpenedBackend;
    const as: Record<string, SessionUser> = {};
    let year = 2040;

    const signIn = (username: string) => signInDemo(h.db, username);
    const kept = async (id: string) =>
      (await h.db.select({ version: reportVersions.version }).from(reportVersions).where(eq(reportVersions.reportId, id)).orderBy(reportVersions.version)).map((r) => r.version);
    const keptContent = async (id: string, version: number) =>
      (await h.db.select({ content: reportVersions.content }).from(reportVersions).where(and(eq(reportVersions.reportId, id), eq(reportVersions.version, version))))[0]?.content;
    /** Saves `n` edits of one text part as `user`, each on the version the last one returned. */
    const edit = async (user: SessionUser, id: string, n: number, label = '修改'): Promise<Report> => {
      let rec = await getReport(h.db, user, id);
      let content = rec.content;
      for (let i = 0; i < n; i++) {
        content = structuredClone(rec.content);
        content.text.overview.proactive = `${label}第 ${rec.version + 1} 版`;
        const r = await saveReport(h.db, user, id, { baseVersion: rec.version, content });
        if (!r.ok) throw new Error('save refused');
        rec = { ...rec, version: r.version, content };
      }
      return content;
    };
    /** As if the last save was `minutes` ago. */
    const backdate = async (id: string, minutes: number) => {
      await h.db.update(reports).set({ updatedAt: sql`now() - make_interval(mins => ${minutes})` }).where(eq(reports.id, id));
    };
    const fresh = async (user = as.ziwei, content?: Report) => (await createReport(h.db, user, { agencyId: user.agencyId, year: ++year, content })).id;

    beforeAll(async () => {
      h = await backend.open();
      as.ziwei = await signIn('ziwei');
      as.wenfeng = await signIn('wenfeng');
      // A second clerk of the same office.
      const [u] = await h.db.select().from(users).where(eq(users.username, 'ziwei'));
      const [other] = await h.db
        .insert(users)
        .values({ username: 'ziwei-2', displayName: '紫薇大道街道第二填报员', role: 'filer', agencyId: u.agencyId, passwordHash: u.passwordHash })
        .returning();
      as.ziwei2 = { id: other.id, username: other.username, displayName: other.displayName, role: 'filer', agencyId: u.agencyId, agencyName: as.ziwei.agencyName };
    });
    afterAll(async () => h?.drop());

    it('one burst of autosaves: each gets its version number, the last one is the report, only version 1 is kept besides', async () => {
      const id = await fresh();
      const last = await edit(as.ziwei, id, 6);
      const rec = await getReport(h.db, as.ziwei, id);
      expect(rec.version).toBe(7);
      expect(rec.content).toEqual(last);
      expect(await kept(id)).toEqual([1]);
      // The list shows the current version too, and it can be compared with the first.
      expect((await listVersions(h.db, as.ziwei, id)).map((v) => v.version)).toEqual([7, 1]);
      const cmp = await compareVersions(h.db, as.ziwei, id, { from: 1, to: 7 });
      expect(cmp.after).toEqual(last);
      expect(cmp.diff.texts.map((t) => t.part)).toContain('proactive');
    });

    it('a pause keeps the version the burst reached before the next save overwrites it', async () => {
      const id = await fresh();
      const before = await edit(as.ziwei, id, 3);
      await backdate(id, KEEP_VERSION_AFTER_PAUSE_MINUTES + 1);
      await edit(as.ziwei, id, 2);
      expect(await kept(id)).toEqual([1, 4]);
      expect(await keptContent(id, 4)).toEqual(before);
      expect((await listVersions(h.db, as.ziwei, id)).map((v) => v.version)).toEqual([6, 4, 1]);
      expect((await compareVersions(h.db, as.ziwei, id, { from: 4, to: 6 })).before).toEqual(before);
    });

    it('a long burst keeps a version every KEEP_VERSION_EVERY_SAVES saves, however briskly it goes on', async () => {
      const id = await fresh();
      const n = KEEP_VERSION_EVERY_SAVES;
      await edit(as.ziwei, id, n);
      expect(await kept(id)).toEqual([1]);
      const reached = (await getReport(h.db, as.ziwei, id)).content;
      await edit(as.ziwei, id, n);
      expect(await kept(id)).toEqual([1, n + 1]);
      expect(await keptContent(id, n + 1)).toEqual(reached);
      await edit(as.ziwei, id, 1);
      expect(await kept(id)).toEqual([1, n + 1, 2 * n + 1]);
    }, 60_000);

    it('another clerk’s save keeps the first clerk’s version, and the first clerk’s next save keeps the other’s', async () => {
      const id = await fresh();
      const mine = await edit(as.ziwei, id, 2, '甲');
      const theirs = await edit(as.ziwei2, id, 2, '乙');
      expect(await kept(id)).toEqual([1, 3]);
      expect(await keptContent(id, 3)).toEqual(mine);
      await edit(as.ziwei, id, 1, '甲');
      expect(await kept(id)).toEqual([1, 3, 5]);
      expect(await keptContent(id, 5)).toEqual(theirs);
    });

    it('the version a report was submitted and returned on is kept, and stays the base of 「what changed since it was returned」', async () => {
      const id = await fresh();
      const rec = await getReport(h.db, as.ziwei, id);
      const g = consistentReport(5);
      const complete: Report = { ...g, meta: { ...g.meta, agencyName: rec.agencyName, year: rec.year } };
      const s = await saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: complete });
      if (!s.ok) throw new Error('save refused');
      await transitionReport(h.db, as.ziwei, id, { transition: 'submit', from: 'draft', version: s.version });
      expect(await kept(id)).toEqual([1, 2]);
      await transitionReport(h.db, as.wenfeng, id, { transition: 'return', from: 'submitted', version: s.version, reason: '请核对' });
      await edit(as.ziwei, id, 4);
      expect(await kept(id)).toEqual([1, 2]);
      expect(await keptContent(id, 2)).toEqual(complete);
      expect((await compareVersions(h.db, as.wenfeng, id, { from: 2, to: 6 })).before).toEqual(complete);
    });

    it('an imported first version is never overwritten, whatever the saves after it', async () => {
      const g = consistentReport(9);
      const imported: Report = { ...g, meta: { ...g.meta, agencyName: as.ziwei.agencyName, year: year + 1, totals: 'asPrinted' } };
      const id = await fresh(as.ziwei, imported);
      const [first] = await h.db.select().from(reportVersions).where(and(eq(reportVersions.reportId, id), eq(reportVersions.version, 1)));
      expect(first.content).toEqual(imported);
      await edit(as.ziwei, id, 3);
      await backdate(id, KEEP_VERSION_AFTER_PAUSE_MINUTES + 1);
      await edit(as.ziwei2, id, 2);
      await backdate(id, KEEP_VERSION_AFTER_PAUSE_MINUTES + 1);
      await edit(as.ziwei, id, 2);
      const [after] = await h.db.select().from(reportVersions).where(and(eq(reportVersions.reportId, id), eq(reportVersions.version, 1)));
      expect(after.content).toEqual(imported);
      expect(after.savedBy).toBe(first.savedBy);
      expect(await kept(id)).toEqual([1, 4, 6]);
    });

    it('racing saves that would both keep the current version: one lands, one kept row, the loser told the newer version', async () => {
      const id = await fresh();
      await edit(as.ziwei, id, 2);
      await backdate(id, KEEP_VERSION_AFTER_PAUSE_MINUTES + 1);
      const rec = await getReport(h.db, as.ziwei, id);
      const results = await Promise.all(
        ['甲', '乙', '丙', '丁'].map((t) => {
          const c = structuredClone(rec.content);
          c.text.overview.platform = t;
          return saveReport(h.db, t === '乙' ? as.ziwei2 : as.ziwei, id, { baseVersion: rec.version, content: c });
        }),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const r of results) if (!r.ok) expect(r.conflict.version).toBe(rec.version + 1);
      expect(await kept(id)).toEqual([1, 3]);
      expect(await keptContent(id, 3)).toEqual(rec.content);
    });
  });
}

/**
 * The PDF cache in the database (shared by app instances) and the fair render queue in front
 * of it, on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDb, type DbHandle } from '../../lib/db/client';
import { pdfCache } from '../../lib/db/schema';
import type { SessionUser } from '../../lib/auth/types';
import { buildDocument } from '../../lib/document';
import { createReport, getReport, saveReport } from '../../lib/server/reports';
import { renderReportFile } from '../../lib/server/documents';
import { cachedPdf, DRAFT_PDF_MAX_CHARS, PDF_RENDERS_PER_OWNER, pdfCacheStats } from '../../lib/server/pdf-cache';
import { AppError } from '../../lib/errors';
import { template2021 } from '../../templates/2021';
import { backends, type OpenedBackend } from '../support/databases';
import { consistentReport } from '../support/generate';
import { testPdfPools } from '../support/pdf-pools';
import { signInDemo } from '../support/sign-in';

const list = await backends();
const { pool, closedPool } = await testPdfPools();

for (const backend of list) {
  describe(`PDF cache and fair rendering on ${backend.name}`, () => {
    let h: OpenedBackend;
    const as: Record<string, SessionUser> = {};
    let id = '';
    let otherId = '';

    const signIn = (username: string) => signInDemo(h.db, username);
    const docOf = (agencyName: string) => buildDocument(template2021, consistentReport(3, 50, agencyName, 2025));

    beforeAll(async () => {
      h = await backend.open();
      for (const u of ['ziwei', 'dongdajie', 'wenfeng']) as[u] = await signIn(u);
      ({ id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2025 }));
      ({ id: otherId } = await createReport(h.db, as.dongdajie, { agencyId: as.dongdajie.agencyId, year: 2025 }));
      const saved = await saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: consistentReport(3, 50, '文峰区紫薇大道街道办事处', 2025) });
      expect(saved.ok).toBe(true);
      await pool.warm(docOf('预热'));
    }, 120_000);
    afterAll(async () => h?.drop());

    it('renders a version once, then answers from the database; a save is a new key and the old PDF goes', async () => {
      const r = await getReport(h.db, as.ziwei, id);
      const req = { reportId: id, version: r.version, final: false, doc: buildDocument(template2021, r.content), owner: as.ziwei.id };
      const first = await cachedPdf(h.db, req, { pool });
      expect(first.hit).toBe(false);
      expect(first.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const again = await cachedPdf(h.db, req, { pool: closedPool });
      expect(again.hit).toBe(true);
      expect(again.bytes.equals(first.bytes)).toBe(true);
      // The final PDF of the same version is another entry (no watermark).
      expect((await cachedPdf(h.db, { ...req, final: true }, { pool: closedPool }).catch((e: Error) => e)) instanceof Error).toBe(true);

      const content = { ...r.content, text: { ...r.content.text, overview: { ...r.content.text.overview, onRequest: '保存后改了这一段。' } } };
      const saved = await saveReport(h.db, as.ziwei, id, { baseVersion: r.version, content });
      if (!saved.ok) throw new Error('save refused');
      const after = await getReport(h.db, as.ziwei, id);
      const next = { ...req, version: after.version, doc: buildDocument(template2021, after.content) };
      // Never the stale PDF: the new version misses and renders.
      const stale = await cachedPdf(h.db, next, { pool: closedPool }).catch((e: unknown) => e);
      expect(stale).toBeInstanceOf(Error);
      expect((await cachedPdf(h.db, next, { pool })).hit).toBe(false);
      const rows = await h.db.select({ version: pdfCache.version }).from(pdfCache).where(eq(pdfCache.reportId, id));
      expect(rows.map((x) => x.version)).toEqual([after.version]);
    }, 120_000);

    it('keys on the renderer fingerprint: another renderer, font or patch set renders anew', async () => {
      const r = await getReport(h.db, as.ziwei, id);
      const req = { reportId: id, version: r.version, final: false, doc: buildDocument(template2021, r.content), owner: as.ziwei.id };
      expect((await cachedPdf(h.db, req, { pool })).hit).toBe(true);
      expect(await cachedPdf(h.db, req, { pool: closedPool, fingerprint: 'another-renderer' }).catch((e: unknown) => e)).toBeInstanceOf(Error);
    }, 60_000);

    it('the route service serves the cached PDF to anyone who may read it', async () => {
      const viaFiler = await renderReportFile(h.db, as.ziwei, id, 'pdf');
      const viaReviewer = await renderReportFile(h.db, as.wenfeng, id, 'pdf');
      expect(viaReviewer.bytes.equals(viaFiler.bytes)).toBe(true);
      expect((await renderReportFile(h.db, as.dongdajie, id, 'pdf').catch((e: AppError) => e.code))).toBe('NOT_FOUND');
    }, 120_000);

    it.runIf(backend.name === 'PostgreSQL')('a second app instance on the same database answers from the same cache', async () => {
      const second: DbHandle = await openDb({ url: h.url! });
      try {
        const r = await getReport(second.db, as.wenfeng, id);
        const req = { reportId: id, version: r.version, final: false, doc: buildDocument(template2021, r.content), owner: as.wenfeng.id };
        const hit = await cachedPdf(second.db, req, { pool: closedPool });
        expect(hit.hit).toBe(true);
      } finally {
        await second.close();
      }
    });

    it('stays within its size bound, dropping the least recently used', async () => {
      const r = await getReport(h.db, as.ziwei, id);
      const doc = buildDocument(template2021, r.content);
      const draft = await cachedPdf(h.db, { reportId: id, version: r.version, final: false, doc, owner: 'x' }, { pool });
      const bound = Math.ceil(draft.bytes.length * 1.5);
      await cachedPdf(h.db, { reportId: otherId, version: 1, final: false, doc: docOf('东大街'), owner: 'x' }, { pool, maxBytes: bound });
      const stats = await pdfCacheStats(h.db);
      expect(stats.bytes).toBeLessThanOrEqual(bound);
      expect(stats.entries).toBe(1);
      const [kept] = await h.db.select({ reportId: pdfCache.reportId }).from(pdfCache);
      expect(kept.reportId).toBe(otherId);
    }, 120_000);

    it("one user's flood of PDFs neither starves another user's PDF nor queues without bound", async () => {
      // Six different drafts from one filer at once (as six big reports), then a reviewer's one.
      const done: string[] = [];
      const flood = [1, 2, 3, 4, 5, 6].map((i) =>
        cachedPdf(h.db, { reportId: id, version: 1000 + i, final: false, doc: docOf(`洪水${i}街道`), owner: as.ziwei.id }, { pool }).then(
          () => void done.push(`flood${i}`),
          (e: unknown) => e,
        ),
      );
      const reviewer = cachedPdf(h.db, { reportId: otherId, version: 2000, final: false, doc: docOf('审核'), owner: as.wenfeng.id }, { pool }).then(
        () => void done.push('reviewer'),
      );
      const outcomes = await Promise.all(flood);
      await reviewer;
      const refused = outcomes.filter((o): o is AppError => o instanceof AppError);
      expect(refused).toHaveLength(6 - PDF_RENDERS_PER_OWNER);
      for (const e of refused) {
        expect(e.code).toBe('RATE_LIMITED');
        expect(e.message).toMatch(/正在生成/);
        expect((e.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      }
      // The reviewer waits for at most the one render already running, not for the whole flood.
      expect(done.indexOf('reviewer')).toBeLessThanOrEqual(1);
      expect(done).toHaveLength(PDF_RENDERS_PER_OWNER + 1);
    }, 120_000);

    it('refuses a draft PDF above the cap before rendering anything, with a Chinese message', async () => {
      const report = consistentReport(4, 50, '文峰区紫薇大道街道办事处', 2025);
      report.text.overview.onRequest = '很长的草稿。'.repeat(Math.ceil(DRAFT_PDF_MAX_CHARS / 6) + 10);
      const doc = buildDocument(template2021, report);
      const e = await cachedPdf(h.db, { reportId: id, version: 3000, final: false, doc, owner: as.ziwei.id }, { pool: closedPool }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('INVALID');
      expect((e as AppError).message).toMatch(/超过草稿 PDF 的上限/);
    });
  });
}

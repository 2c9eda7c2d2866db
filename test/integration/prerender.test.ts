/**
 * The job queue in the database and the final PDFs rendered ahead on approval, on PGlite and
 * PostgreSQL: one job per report version, queued with the approval; the worker's PDF and DOCX are
 * what a later download and the district package find (a closed pool and a DOCX renderer that
 * throws prove they render nothing), the package storing its PDFs undeflated without confusing
 * the download's progress; a missing DOCX alone queues the report again, a failed one leaves
 * the PDF kept;
 * retries with the error kept without its message; two workers (two pools) never share a job;
 * a dead worker's job is taken again after its lease; jobs survive a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync } from 'fflate';
import { openDb } from '../../lib/db/client';
import { jobs, pdfCache, reports } from '../../lib/db/schema';
import type { SessionUser } from '../../lib/auth/types';
import { buildDocument } from '../../lib/document';
import { createReport, getReport, saveReport } from '../../lib/server/reports';
import { renameAgency } from '../../lib/server/admin';
import { transitionReport } from '../../lib/server/review';
import { cachedDocx, cachedPdf } from '../../lib/server/pdf-cache';
import { renderReportFile } from '../../lib/server/documents';
import { zipProgress } from '../../lib/export/zip-progress';
import { printedDocument } from '../../lib/server/printed';
import { districtPackageStream, planDistrictPackage } from '../../lib/server/district-package';
import { claimJob, completeJob, drainJobs, enqueueJob, pruneFinishedJobs, startJobWorker, type JobHandler } from '../../lib/server/jobs';
import { FINAL_PDF_JOB, finalPdfJobKey, prerenderHandlers, queueMissingFinalPdfs } from '../../lib/server/prerender';
import { template2021 } from '../../templates/2021';
import { backends, type OpenedBackend } from '../support/databases';
import { consistentReport } from '../support/generate';
import { testPdfPools } from '../support/pdf-pools';
import { signInDemo } from '../support/sign-in';

const list = await backends();
const { pool, closedPool } = await testPdfPools();

const noWait = () => 0;
/** A DOCX renderer for requests that must find the kept file: any render fails the test. */
const noDocxRender = async (): Promise<Buffer> => {
  throw new Error('DOCX rendered on the request path');
};

/** Each entry's name and compression method (0 stored, 8 deflated), read as a stream. */
function zipMethods(zip: Uint8Array): Map<string, number> {
  const methods = new Map<string, number>();
  const unzip = new Unzip((file) => void methods.set(file.name, file.compression));
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  unzip.push(zip, true);
  return methods;
}

for (const backend of list) {
  describe(`background jobs and final PDFs rendered ahead on ${backend.name}`, () => {
    let h: OpenedBackend;
    const as: Record<string, SessionUser> = {};
    let id = '';
    let approvedVersion = 0;

    const signIn = (username: string) => signInDemo(h.db, username);
    const jobRows = (kind: string) => h.db.select().from(jobs).where(eq(jobs.kind, kind)).orderBy(jobs.id);

    beforeAll(async () => {
      h = await backend.open();
      for (const u of ['ziwei', 'wenfeng']) as[u] = await signIn(u);
      ({ id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2024 }));
      const g = consistentReport(7, 80, '文峰区紫薇大道街道办事处', 2024);
      const saved = await saveReport(h.db, as.ziwei, id, { baseVersion: 1, content: { ...g, meta: { ...g.meta, publishDate: '2025-01-20' } } });
      if (!saved.ok) throw new Error('save refused');
      await pool.warm(buildDocument(template2021, consistentReport(1, 50, '预热', 2024)));
    }, 120_000);
    afterAll(async () => h?.drop());

    it('approving queues exactly one job for the version, in the same transaction; queuing it again is the same job', async () => {
      const { version } = await getReport(h.db, as.ziwei, id);
      await transitionReport(h.db, as.ziwei, id, { transition: 'submit', from: 'draft', version });
      expect(await jobRows(FINAL_PDF_JOB)).toHaveLength(0);
      await transitionReport(h.db, as.wenfeng, id, { transition: 'approve', from: 'submitted', version });
      approvedVersion = version;
      const rows = await jobRows(FINAL_PDF_JOB);
      expect(rows.map((r) => [r.key, r.state, r.attempts])).toEqual([[finalPdfJobKey(id, version), 'queued', 0]]);
      expect(rows[0].payload).toEqual({ reportId: id, version });
      await enqueueJob(h.db, FINAL_PDF_JOB, finalPdfJobKey(id, version), { reportId: id, version });
      expect(await jobRows(FINAL_PDF_JOB)).toHaveLength(1);
    });

    it('the worker renders the final PDF and DOCX; a download and the package then render nothing, the PDFs stored', async () => {
      // The demo's other approved reports are queued as a starting server would.
      await queueMissingFinalPdfs(h.db);
      const taken = await drainJobs(h.db, { handlers: prerenderHandlers(h.db, { pool }) });
      expect(taken).toBeGreaterThanOrEqual(1);
      const rows = await jobRows(FINAL_PDF_JOB);
      expect(rows.every((r) => r.state === 'done')).toBe(true);
      const kept = await h.db
        .select({ version: pdfCache.version })
        .from(pdfCache)
        .where(and(eq(pdfCache.reportId, id), eq(pdfCache.final, true)));
      expect(kept).toEqual([{ version: approvedVersion }, { version: approvedVersion }]);
      const formats = await h.db
        .select({ format: pdfCache.format, n: sql<number>`count(*)::int` })
        .from(pdfCache)
        .groupBy(pdfCache.format)
        .orderBy(pdfCache.format);
      // One PDF and one DOCX of each approved report.
      expect(formats.map((f) => f.format)).toEqual(['docx', 'pdf']);
      expect(formats[0].n).toBe(formats[1].n);

      // A reviewer's download: the request documents.ts makes, through a pool that cannot render.
      const r = await getReport(h.db, as.wenfeng, id);
      const doc = printedDocument({ edition: r.edition, content: r.content, agencyName: '文峰区紫薇大道街道办事处' });
      const hit = await cachedPdf(h.db, { reportId: id, version: r.version, final: true, doc, owner: as.wenfeng.id }, { pool: closedPool });
      expect(hit.hit).toBe(true);
      expect(hit.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const word = await cachedDocx(h.db, { reportId: id, version: r.version, doc }, { renderDocx: noDocxRender });
      expect(word.hit).toBe(true);
      expect(word.bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
      // The DOCX route's service serves the kept file (a render would differ: the DOCX carries its time).
      expect((await renderReportFile(h.db, as.wenfeng, id, 'docx')).bytes.equals(word.bytes)).toBe(true);

      // The district package right after: every PDF from the cache, none rendered.
      const pkg = await planDistrictPackage(h.db, as.wenfeng, { year: 2024 });
      expect(pkg.reports.map((p) => p.id)).toContain(id);
      const chunks: Uint8Array[] = [];
      const progress = zipProgress();
      const announced: string[] = [];
      const stream = districtPackageStream(h.db, as.wenfeng, pkg, { pdfCache: { pool: closedPool, renderDocx: noDocxRender } });
      for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
        chunks.push(chunk);
        announced.push(...progress.push(chunk));
      }
      const zip = Buffer.concat(chunks);
      expect(zip.length).toBeGreaterThan(10_000);
      const files = unzipSync(zip);
      const names = Object.keys(files);
      expect(names).toHaveLength(pkg.fileCount);
      // The download's progress counts exactly the package's entries: nothing inside a stored PDF
      // (or a deflated DOCX) reads as a local header.
      expect(announced).toEqual(names);
      const methods = zipMethods(zip);
      const pdfs = names.filter((n) => n.endsWith('.pdf'));
      expect(pdfs).toHaveLength(pkg.reports.length);
      expect(pdfs.every((n) => methods.get(n) === 0)).toBe(true);
      expect(names.filter((n) => !n.endsWith('.pdf')).every((n) => methods.get(n) === 8)).toBe(true);
      const ours = names.find((n) => n.startsWith('文峰区紫薇大道街道办事处') && n.endsWith('.docx'))!;
      expect(Buffer.from(files[ours]).equals(word.bytes)).toBe(true);
      expect(Buffer.from(files[ours.replace(/docx$/, 'pdf')]).equals(hit.bytes)).toBe(true);

      // A DOCX missing alone (a database from a release that kept none): the report is queued
      // again, and its job renders the DOCX only — the PDF is found (the pool is closed).
      await h.db.delete(pdfCache).where(and(eq(pdfCache.reportId, id), eq(pdfCache.format, 'docx')));
      expect(await queueMissingFinalPdfs(h.db)).toBe(1);
      expect(await drainJobs(h.db, { handlers: prerenderHandlers(h.db, { pool: closedPool }) })).toBe(1);
      expect((await jobRows(FINAL_PDF_JOB)).every((j) => j.state === 'done')).toBe(true);
      const again = await cachedDocx(h.db, { reportId: id, version: r.version, doc }, { renderDocx: noDocxRender });
      expect(again.hit).toBe(true);
      // Nothing is missing any more: a restart queues nothing.
      expect(await queueMissingFinalPdfs(h.db)).toBe(0);
    }, 120_000);

    it('renaming an agency queues its approved reports\' final PDFs again, printed under the new name', async () => {
      const admin = await signIn('admin');
      await renameAgency(h.db, admin, as.ziwei.agencyId, { name: '文峰区紫薇大道新街道办事处' });
      try {
        const rows = await jobRows(FINAL_PDF_JOB);
        expect(rows.find((r) => r.key === finalPdfJobKey(id, approvedVersion))?.state).toBe('queued');
        await drainJobs(h.db, { handlers: prerenderHandlers(h.db, { pool }) });
        // A download under the new name renders nothing: the worker kept it.
        const r = await getReport(h.db, as.wenfeng, id);
        const doc = printedDocument({ edition: r.edition, content: r.content, agencyName: '文峰区紫薇大道新街道办事处' });
        expect(doc.meta.title).toContain('文峰区紫薇大道新街道办事处');
        const hit = await cachedPdf(h.db, { reportId: id, version: r.version, final: true, doc, owner: as.wenfeng.id }, { pool: closedPool });
        expect(hit.hit).toBe(true);
        expect((await cachedDocx(h.db, { reportId: id, version: r.version, doc }, { renderDocx: noDocxRender })).hit).toBe(true);
      } finally {
        await renameAgency(h.db, admin, as.ziwei.agencyId, { name: '文峰区紫薇大道街道办事处' });
        await drainJobs(h.db, { handlers: prerenderHandlers(h.db, { pool }) });
      }
    }, 120_000);

    it('a job whose DOCX fails keeps its PDF, and its retry renders the DOCX only', async () => {
      await h.db.delete(pdfCache).where(eq(pdfCache.reportId, id));
      expect(await queueMissingFinalPdfs(h.db)).toBe(1);
      const broken = async (): Promise<Buffer> => {
        throw new TypeError('docx broke');
      };
      expect(await drainJobs(h.db, { handlers: prerenderHandlers(h.db, { pool, renderDocx: broken }) })).toBe(1);
      const job = (await jobRows(FINAL_PDF_JOB)).find((j) => j.key === finalPdfJobKey(id, approvedVersion))!;
      expect([job.state, job.attempts, job.lastError]).toEqual(['queued', 1, expect.stringContaining('TypeError')]);
      const kept = () => h.db.select({ format: pdfCache.format }).from(pdfCache).where(eq(pdfCache.reportId, id)).orderBy(pdfCache.format);
      expect(await kept()).toEqual([{ format: 'pdf' }]);
      await h.db.update(jobs).set({ runAfter: sql`now()` }).where(eq(jobs.id, job.id));
      // The retry through a closed pool: the PDF is found, only the DOCX is made.
      expect(await drainJobs(h.db, { handlers: prerenderHandlers(h.db, { pool: closedPool }) })).toBe(1);
      expect(await kept()).toEqual([{ format: 'docx' }, { format: 'pdf' }]);
      expect(await queueMissingFinalPdfs(h.db)).toBe(0);
    }, 60_000);

    it('a new renderer fingerprint queues the approved reports again', async () => {
      const before = (await jobRows(FINAL_PDF_JOB)).length;
      expect(await queueMissingFinalPdfs(h.db, 'another-renderer')).toBeGreaterThanOrEqual(1);
      const rows = await jobRows(FINAL_PDF_JOB);
      expect(rows).toHaveLength(before); // the same rows, armed again
      expect(rows.find((r) => r.key === finalPdfJobKey(id, approvedVersion))?.state).toBe('queued');
      await h.db.update(jobs).set({ state: 'done' }).where(eq(jobs.kind, FINAL_PDF_JOB));
      // Only as many as the cache holds, newest year first: our 2024 report before older ones.
      const older = consistentReport(8, 60, '文峰区紫薇大道街道办事处', 2023);
      await h.db.insert(reports).values({ agencyId: as.ziwei.agencyId, year: 2023, edition: '2021', status: 'approved', content: older });
      const approved = await h.db.select({ id: reports.id, year: reports.year }).from(reports).where(eq(reports.status, 'approved'));
      expect(approved.length).toBeGreaterThan(1);
      expect(await queueMissingFinalPdfs(h.db, 'a-third-renderer', 1)).toBe(1);
      const newest = Math.max(...approved.map((a) => a.year));
      const queued = await h.db.select({ key: jobs.key }).from(jobs).where(and(eq(jobs.kind, FINAL_PDF_JOB), eq(jobs.state, 'queued')));
      expect(queued).toHaveLength(1);
      expect(approved.find((a) => queued[0].key.startsWith(a.id))?.year).toBe(newest);
      await h.db.update(jobs).set({ state: 'done' }).where(eq(jobs.kind, FINAL_PDF_JOB));
    });

    it('a failing job is retried and given up after its attempts, the error kept without its message', async () => {
      let runs = 0;
      const failing: JobHandler = async () => {
        runs++;
        throw new TypeError('机密正文：依申请公开 123 件');
      };
      await enqueueJob(h.db, 'test-fail', 'one', { n: 1 }, { maxAttempts: 3 });
      // With a backoff the retry waits: nothing is due right after the first failure.
      expect(await drainJobs(h.db, { handlers: { 'test-fail': failing } })).toBe(1);
      let [row] = await jobRows('test-fail');
      expect([row.state, row.attempts]).toEqual(['queued', 1]);
      expect(row.runAfter.getTime()).toBeGreaterThan(Date.now() + 10_000);
      await h.db.update(jobs).set({ runAfter: sql`now()` }).where(eq(jobs.kind, 'test-fail'));
      expect(await drainJobs(h.db, { handlers: { 'test-fail': failing }, backoffMs: noWait })).toBe(2);
      [row] = await jobRows('test-fail');
      expect([row.state, row.attempts, runs]).toEqual(['failed', 3, 3]);
      expect(row.lastError).toContain('TypeError');
      expect(row.lastError).not.toContain('机密');
      expect(row.lastError).not.toContain('123');
      expect(await drainJobs(h.db, { handlers: { 'test-fail': failing }, backoffMs: noWait })).toBe(0);
    });

    it('two workers (two connection pools on PostgreSQL) never take the same job', async () => {
      const other = h.url ? await openDb({ url: h.url }) : null;
      try {
        const N = 24;
        for (let i = 0; i < N; i++) await enqueueJob(h.db, 'test-share', `k${i}`, { i });
        const seen: string[] = [];
        const by: Record<string, number> = { a: 0, b: 0 };
        const handler = (w: string): JobHandler => async (payload) => {
          seen.push(String(payload.i));
          by[w]++;
          await new Promise((r) => setTimeout(r, 15));
        };
        const [a, b] = await Promise.all([
          drainJobs(h.db, { handlers: { 'test-share': handler('a') }, name: 'a' }),
          drainJobs(other?.db ?? h.db, { handlers: { 'test-share': handler('b') }, name: 'b' }),
        ]);
        expect(a + b).toBe(N);
        expect(seen).toHaveLength(N);
        expect(new Set(seen).size).toBe(N);
        if (other) expect(by.a > 0 && by.b > 0).toBe(true);
        const rows = await jobRows('test-share');
        expect(rows.every((r) => r.state === 'done' && r.attempts === 1)).toBe(true);
      } finally {
        await other?.close();
      }
    });

    it('the server\'s worker loop runs a job when nudged, sleeps when idle, and stops', async () => {
      const done: string[] = [];
      const idle: number[] = [];
      const idleMs: number[] = [];
      const worker = startJobWorker(h.db, {
        handlers: {
          'test-loop': async (p) => {
            await new Promise((r) => setTimeout(r, 150)); // a render's time, which the log reports
            done.push(String(p.n));
          },
        },
        pollMs: 60_000,
        onIdle: (n, ms) => {
          idle.push(n);
          idleMs.push(ms);
        },
      });
      await new Promise((r) => setTimeout(r, 50)); // idle: found nothing, now asleep for a minute
      await enqueueJob(h.db, 'test-loop', 'a', { n: 1 });
      worker.nudge();
      for (let i = 0; i < 100 && done.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(done).toEqual(['1']);
      for (let i = 0; i < 100 && idle.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(idle).toEqual([1]);
      // The time the jobs took, the first one's included (the log said 「run in 0.0 s」).
      expect(idleMs[0]).toBeGreaterThanOrEqual(140);
      await worker.stop();
      await enqueueJob(h.db, 'test-loop', 'b', { n: 2 });
      worker.nudge();
      await new Promise((r) => setTimeout(r, 100));
      expect(done).toEqual(['1']);
      expect((await jobRows('test-loop')).map((r) => r.state)).toEqual(['done', 'queued']);
    });

    it('finished jobs are deleted after a week (failed ones after 90 days); queued and running ones never', async () => {
      const kind = `prune-${backend.name}`;
      const keys = ['done-old', 'done-new', 'failed-old', 'failed-mid', 'queued-old', 'running-old'];
      for (const key of keys) await enqueueJob(h.db, kind, key, {});
      const set = (key: string, state: string, daysAgo: number) =>
        h.db.execute(sql`update jobs set state = ${state}, finished_at = now() - ${daysAgo} * interval '1 day', created_at = now() - ${daysAgo} * interval '1 day' where kind = ${kind} and key = ${key}`);
      await set('done-old', 'done', 8);
      await set('done-new', 'done', 6);
      await set('failed-old', 'failed', 91);
      await set('failed-mid', 'failed', 30);
      await set('queued-old', 'queued', 200);
      await set('running-old', 'running', 200);
      expect(await pruneFinishedJobs(h.db)).toBe(2);
      const left = await h.db.select({ key: jobs.key }).from(jobs).where(eq(jobs.kind, kind));
      expect(left.map((j) => j.key).sort()).toEqual(['done-new', 'failed-mid', 'queued-old', 'running-old']);
    });

    it('a job left by a dead worker is taken again after its lease; the dead worker can no longer complete it', async () => {
      await enqueueJob(h.db, 'test-lease', 'x', {});
      const dead = await claimJob(h.db, 'dead', ['test-lease'], 300);
      expect(dead?.attempts).toBe(1);
      expect(await claimJob(h.db, 'alive', ['test-lease'], 60_000)).toBeNull();
      await new Promise((r) => setTimeout(r, 400));
      const again = await claimJob(h.db, 'alive', ['test-lease'], 60_000);
      expect([again?.id, again?.attempts]).toEqual([dead?.id, 2]);
      expect(await completeJob(h.db, dead!, 'dead')).toBe(false);
      expect(await completeJob(h.db, again!, 'alive')).toBe(true);
      const [row] = await jobRows('test-lease');
      expect([row.state, row.leasedBy]).toEqual(['done', 'alive']);
    });
  });
}

describe('jobs survive a restart (PGlite in a folder)', () => {
  it('a queued job is there after the database is closed and opened again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-jobs-'));
    try {
      const first = await openDb({ dataDir: dir });
      await enqueueJob(first.db, 'test-restart', 'r1', { a: 1 });
      const taken = await claimJob(first.db, 'before', ['test-restart'], 1);
      expect(taken).not.toBeNull();
      await first.close();
      const second = await openDb({ dataDir: dir });
      try {
        await new Promise((r) => setTimeout(r, 5));
        const again = await claimJob(second.db, 'after', ['test-restart']);
        expect([again?.key, again?.payload, again?.attempts]).toEqual(['r1', { a: 1 }, 2]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

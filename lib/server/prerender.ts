/**
 * Final PDFs and DOCX files rendered ahead: approving a report queues a job (in the approval's
 * transaction, lib/server/review.ts) and a worker the server starts (instrumentation.ts) renders
 * the PDF through `cachedPdf` and the DOCX through `cachedDocx` with the very requests a
 * download, a preview link or a package makes — the same keys — so those find them in
 * `pdf_cache` and render nothing on the request path.
 *
 * When their inputs change without an approval (fonts, renderers: the fingerprints), a server
 * starting queues every approved report whose final PDF or DOCX for the current fingerprints is
 * missing (`queueMissingFinalPdfs`).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agencies, reports } from '../db/schema';
import { logError } from '../log';
import { rendererFingerprint } from '../render/pdf';
import { docxRendererFingerprint } from '../render/docx/fingerprint';
import { cachedDocx, cachedPdf, configuredMaxBytes, treeDigest, type PdfCacheOptions } from './pdf-cache';
import { enqueueJob, startJobWorker, type JobHandler, type JobWorker, type WorkerOptions } from './jobs';
import { printedDocument } from './printed';

export const FINAL_PDF_JOB = 'final-pdf';
/** Whose queue in the PDF pool the renders wait in: one owner, so users' renders go first among equals. */
export const PRERENDER_OWNER = 'prerender';

export function finalPdfJobKey(reportId: string, version: number): string {
  return `${reportId}:${version}`;
}

/** Queues the final PDF of this version (inside the approval's transaction). */
export async function queueFinalPdf(tx: Pick<Db, 'execute'>, reportId: string, version: number): Promise<void> {
  await enqueueJob(tx, FINAL_PDF_JOB, finalPdfJobKey(reportId, version), { reportId, version });
}

/**
 * What one approved report's final PDF and DOCX are reckoned to take in the cache when deciding
 * how many to render ahead (the PDF 0.15–0.25 MB, the DOCX about 0.01 MB).
 */
export const FINAL_PDF_BYTES_ESTIMATE = 256 * 1024;

/**
 * Queues the approved reports whose final PDF for this fingerprint, or final DOCX for the DOCX
 * fingerprint, is not kept (a new font, a new renderer, a restored database, an upgrade from a
 * release that kept no DOCX) — among the newest `limit` approved reports only (latest
 * year first), as many as the cache holds: queuing more would evict the PDFs just rendered, and
 * every start would render them again. Returns how many were queued or armed again.
 */
export async function queueMissingFinalPdfs(
  db: Db,
  fingerprint = rendererFingerprint(),
  limit = Math.floor(configuredMaxBytes() / FINAL_PDF_BYTES_ESTIMATE),
  docxFingerprint = docxRendererFingerprint(),
): Promise<number> {
  const result = await db.execute(sql`
    insert into jobs (kind, key, payload)
    select ${FINAL_PDF_JOB}, r.id::text || ':' || r.version::text, jsonb_build_object('reportId', r.id, 'version', r.version)
    from (select id, version, year from reports where status = 'approved' order by year desc, id limit ${limit}) r
    where not exists (select 1 from pdf_cache c
                      where c.report_id = r.id and c.version = r.version and c.final and c.format = 'pdf' and c.fingerprint = ${fingerprint})
       or not exists (select 1 from pdf_cache c
                      where c.report_id = r.id and c.version = r.version and c.final and c.format = 'docx' and c.fingerprint = ${docxFingerprint})
    -- One order for every instance starting at once, so their upserts cannot deadlock.
    order by r.year desc, r.id
    on conflict (kind, key) do update
      set state = 'queued', attempts = 0, run_after = now(), last_error = null, finished_at = null,
          leased_until = null, leased_by = null
      where jobs.state in ('done', 'failed')
    returning id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}

/** Renders and keeps the final PDF and DOCX of a report version, if it is still the approved one. */
export function finalPdfHandler(db: Db, pdfCache: PdfCacheOptions = {}): JobHandler {
  return async (payload) => {
    const reportId = String(payload.reportId);
    const version = Number(payload.version);
    const [row] = await db
      .select({ version: reports.version, content: reports.content, edition: reports.edition, agencyName: agencies.name })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(and(eq(reports.id, reportId), eq(reports.status, 'approved'), eq(reports.version, version)));
    // Returned, deleted or saved since: that version's PDF is asked for by nobody.
    if (!row) return;
    const doc = printedDocument(row);
    const tree = treeDigest(doc);
    // Side by side — the DOCX in this thread (60 ms) while the PDF renders in the pool — and
    // each kept whatever befalls the other: a failure is thrown after both, and the retry finds
    // the one that was kept.
    const done = await Promise.allSettled([
      cachedPdf(db, { reportId, version, final: true, doc, owner: PRERENDER_OWNER }, pdfCache, tree),
      cachedDocx(db, { reportId, version, doc }, pdfCache, tree),
    ]);
    for (const d of done) if (d.status === 'rejected') throw d.reason;
  };
}

export function prerenderHandlers(db: Db, pdfCache: PdfCacheOptions = {}): WorkerOptions['handlers'] {
  return { [FINAL_PDF_JOB]: finalPdfHandler(db, pdfCache) };
}

const g = globalThis as unknown as { __nianbaoPrerender?: JobWorker };

/** Wakes this process's worker (a job was just queued here); nothing when none runs. */
export function nudgePrerender(): void {
  g.__nianbaoPrerender?.nudge();
}

/** The server's worker (off with NIANBAO_PRERENDER=0): queues what is missing, then runs jobs one at a time until the process ends. */
export async function startPrerender(db: Db): Promise<JobWorker | undefined> {
  if (process.env.NIANBAO_PRERENDER === '0') return undefined;
  if (g.__nianbaoPrerender) return g.__nianbaoPrerender;
  try {
    const queued = await queueMissingFinalPdfs(db);
    if (queued) console.log(`nianbao: ${queued} final PDFs queued to render ahead`);
  } catch (e) {
    logError('prerender', e);
  }
  g.__nianbaoPrerender = startJobWorker(db, {
    handlers: prerenderHandlers(db),
    // Counts only: no report's name or content reaches the log.
    onIdle: (n, ms) => console.log(`nianbao: ${n} background PDF jobs run in ${(ms / 1000).toFixed(1)} s; queue empty`),
  });
  return g.__nianbaoPrerender;
}

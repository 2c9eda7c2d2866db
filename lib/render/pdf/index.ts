/**
 * PDF output. Callers (route handler, CLI, tests) use `renderPdf`: it renders in a shared pool
 * of worker threads, created on first use. `renderPdfInProcess` renders in the calling thread.
 */
import type { DocumentTree } from '../../document/types';
import { availableParallelism } from 'node:os';
import { env } from '../../env';
import { createPdfPool, type PdfPool } from './pool';
import type { InsightPrint } from '../../insight/print';
import type { RenderPdfOptions } from './render-in-process';

export { createPdfPool, ANONYMOUS_OWNER, type PdfPool, type PdfPoolOptions } from './pool';
export { rendererFingerprint } from './fingerprint';
export { renderPdfInProcess, renderJobInProcess, registerFonts, type PdfJob, type RenderPdfOptions } from './render-in-process';
export type { PdfRenderOptions } from './report-pdf';

// On globalThis so that Next's dev server, which re-evaluates modules, keeps one pool.
const holder = globalThis as typeof globalThis & { __nianbaoPdfPool?: PdfPool };

export function sharedPdfPool(): PdfPool {
  // One core is left to the request thread (under load — 50 clerks autosaving while reviewers
  // download PDFs, bench/load.ts — a pool on every core doubled the p95 of a save), but never
  // fewer than two workers: one owner runs at most size − 1 renders (./pool.ts), so on a
  // two-core server a filer's 30-page draft no longer holds the only worker while a reviewer's
  // one-page PDF waits. The workers run at a lower priority (NIANBAO_PDF_NICE), so the request
  // thread still comes first.
  holder.__nianbaoPdfPool ??= createPdfPool({ size: env().pdfWorkers ?? Math.max(2, availableParallelism() - 1) });
  return holder.__nianbaoPdfPool;
}

/**
 * Renders the document tree to a PDF. `final: false` draws the 「草稿」 watermark; only an
 * approved report (the reviewer's call) renders with `final: true`. `owner` (a user, a
 * preview link) is whose queue the job waits in: the pool takes owners in turn.
 */
export function renderPdf(doc: DocumentTree, opts: RenderPdfOptions, owner?: string): Promise<Buffer> {
  return sharedPdfPool().render(doc, opts, owner);
}

/** The district insight as a PDF (lib/insight/print.ts), rendered in the same pool and queues. */
export function renderInsightPdf(print: InsightPrint, owner?: string): Promise<Buffer> {
  return sharedPdfPool().run({ kind: 'insight', print }, owner);
}

/** Stops the shared pool's workers (CLI exit, tests). */
export async function closeSharedPdfPool(): Promise<void> {
  const pool = holder.__nianbaoPdfPool;
  holder.__nianbaoPdfPool = undefined;
  await pool?.close();
}

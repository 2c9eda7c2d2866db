/**
 * 「下载 PDF」 of the district insight (/review/insight): the service's DistrictInsight as print
 * data (`insightPrint`, lib/insight/print-layout.ts), rendered in the PDF worker pool like a
 * report (`exportInsightPdf`). Who: reviewers and admins, as the page (the permission check is
 * districtInsight's). Not cached: the figures change with every approval, and a render is about
 * a second.
 */
import { safeFileName } from '../validation';
import type { Db } from '../db/client';
import type { SessionUser } from '../auth/types';
import { insightPrint } from '../insight/print-layout';
import { sharedPdfPool, type PdfPool } from '../render/pdf';
import { districtInsight } from './insight';
import { admitPdfRender } from './pdf-cache';

export type InsightPdfOptions = { pool?: PdfPool; today?: Date };

/** The insight as a print-ready PDF, rendered in the worker pool in the user's queue. */
export async function exportInsightPdf(db: Db, user: SessionUser, input: unknown, opts: InsightPdfOptions = {}): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
  const today = opts.today ?? new Date();
  const insight = await districtInsight(db, user, input, today);
  const print = insightPrint(insight, today);
  const pool = opts.pool ?? sharedPdfPool();
  admitPdfRender(pool, user.id);
  const bytes = await pool.run({ kind: 'insight', print }, user.id);
  // As the XLSX (exportInsightXlsx): characters no file system takes become _.
  const stem = safeFileName(print.title);
  return { bytes, fileName: `${stem}.pdf`, contentType: 'application/pdf' };
}

/**
 * The printed report: PDF and DOCX of a report the user may read; the publication page (HTML)
 * and its tables as CSV. A report prints without the 「草稿」 watermark (the page without its
 * 「草稿」 notice) only once it is approved (the reviewer's decision). PDFs come from the
 * shared cache when this version was rendered before, and so does the DOCX of an approved
 * version (lib/server/pdf-cache.ts; the approval's background job keeps both).
 */
import type { Db } from '../db/client';
import type { SessionUser } from '../auth/types';
import { getTemplate } from '../template/registry';
import { documentFileName, type DocumentTree } from '../document';
import { renderDocx } from '../render/docx';
import { renderHtml } from '../render/html';
import { reportTablesCsv } from '../export/report-csv';
import { documentFontReport } from '../render/font-usage';
import type { FontReport } from '../render/fonts';
import { readableReport } from './reports';
import { cachedDocx, cachedPdf } from './pdf-cache';
import { printedDocument } from './printed';
import { openPreviewLink } from './preview-links';
import type { ReportStatus } from '../review/transitions';

/** The printed report (PDF, DOCX), the publication page (HTML) and the tables as open data (CSV). */
export type DocumentKind = 'pdf' | 'docx' | 'html' | 'csv';
export type RenderedFile = { bytes: Buffer; fileName: string; contentType: string };

const CONTENT_TYPES: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** A version of a report as it prints, and whose PDF queue renders it (a user, or a preview link). */
type Printable = { reportId: string; version: number; status: ReportStatus; doc: DocumentTree; owner: string };

/** The PDF, DOCX or publication page of a printable version: final (no 「草稿」) only once approved. */
async function printedFile(db: Db, p: Printable, kind: Exclude<DocumentKind, 'csv'>): Promise<RenderedFile> {
  const final = p.status === 'approved';
  const bytes =
    kind === 'pdf'
      ? (await cachedPdf(db, { reportId: p.reportId, version: p.version, final, doc: p.doc, owner: p.owner })).bytes
      : kind === 'docx'
        ? final
          ? (await cachedDocx(db, { reportId: p.reportId, version: p.version, doc: p.doc })).bytes
          : await renderDocx(p.doc, { final })
        : Buffer.from(renderHtml(p.doc, { final }), 'utf8');
  return { bytes, fileName: documentFileName(p.doc, kind), contentType: CONTENT_TYPES[kind] };
}

export async function renderReportFile(db: Db, user: SessionUser, id: string, kind: DocumentKind): Promise<RenderedFile> {
  const { row: record } = await readableReport(db, user, id);
  const doc = printedDocument(record);
  if (kind === 'csv')
    return { bytes: Buffer.from(reportTablesCsv(getTemplate(record.edition), record.content), 'utf8'), fileName: documentFileName(doc, kind), contentType: CONTENT_TYPES[kind] };
  return printedFile(db, { reportId: record.id, version: record.version, status: record.status, doc, owner: user.id }, kind);
}

/**
 * The PDF behind a preview link (/p/<token>/pdf), rendered in the link's own queue; null when
 * the token is not live (the route answers the same plain 404 for anything else).
 */
export async function renderSharedPdf(db: Db, token: string): Promise<RenderedFile | null> {
  const shared = await openPreviewLink(db, token);
  if (!shared) return null;
  return printedFile(db, { reportId: shared.reportId, version: shared.version, status: shared.status, doc: shared.doc, owner: `link:${shared.linkId}` }, 'pdf');
}

/** Which fonts print the report, and which roles fell back to a substitute (shown in the editor). */
export async function reportFonts(doc: DocumentTree): Promise<FontReport[]> {
  return documentFontReport(doc);
}

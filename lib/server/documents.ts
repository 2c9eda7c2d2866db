/**
 * The printed report: PDF and DOCX of a report the user may read; the publication page (HTML)
 * and its tables as CSV. A report prints without the 「草稿」 watermark (the page without its
 * 「草稿」 notice) only once it is approved (the reviewer's decision). PDFs come from the
 * shared cache when this version was rendered before (lib/server/pdf-cache.ts).
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
import { cachedPdf } from './pdf-cache';
import { printedDocument } from './printed';

/** The printed report (PDF, DOCX), the publication page (HTML) and the tables as open data (CSV). */
export type DocumentKind = 'pdf' | 'docx' | 'html' | 'csv';
export type RenderedFile = { bytes: Buffer; fileName: string; contentType: string };

const CONTENT_TYPES: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export async function renderReportFile(db: Db, user: SessionUser, id: string, kind: DocumentKind): Promise<RenderedFile> {
  const { row: record } = await readableReport(db, user, id);
  const template = getTemplate(record.edition);
  const doc = printedDocument(record);
  const isFinal = record.status === 'approved';
  const bytes =
    kind === 'pdf'
      ? (await cachedPdf(db, { reportId: record.id, version: record.version, final: isFinal, doc, owner: user.id })).bytes
      : kind === 'docx'
        ? await renderDocx(doc, { final: isFinal })
        : kind === 'html'
          ? Buffer.from(renderHtml(doc, { final: isFinal }), 'utf8')
          : Buffer.from(reportTablesCsv(template, record.content), 'utf8');
  return { bytes, fileName: documentFileName(doc, kind), contentType: CONTENT_TYPES[kind] };
}

/** Which fonts print the report, and which roles fell back to a substitute (shown in the editor). */
export async function reportFonts(doc: DocumentTree): Promise<FontReport[]> {
  return documentFontReport(doc);
}

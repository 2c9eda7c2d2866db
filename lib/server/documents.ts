/**
 * The printed report: PDF and DOCX of a report the user may read. A report prints without the
 * 「草稿」 watermark only once it is approved (the reviewer's decision).
 */
import type { Db } from '../db/client';
import type { SessionUser } from '../auth/types';
import { getTemplate } from '../template/registry';
import { buildDocument, documentFileName, type DocumentTree } from '../document';
import { renderPdf } from '../render/pdf';
import { renderDocx } from '../render/docx';
import { documentFontReport } from '../render/font-usage';
import type { FontReport } from '../render/fonts';
import { getReport } from './reports';
import { withRegisteredName } from '../report/blank';

export type DocumentKind = 'pdf' | 'docx';
export type RenderedFile = { bytes: Buffer; fileName: string; contentType: string };

const CONTENT_TYPES: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export async function renderReportFile(db: Db, user: SessionUser, id: string, kind: DocumentKind): Promise<RenderedFile> {
  const record = await getReport(db, user, id);
  const doc = buildDocument(getTemplate(record.edition), withRegisteredName(record.content, record.agencyName));
  const isFinal = record.status === 'approved';
  const bytes = kind === 'pdf' ? await renderPdf(doc, { final: isFinal }) : await renderDocx(doc);
  return { bytes, fileName: documentFileName(doc, kind), contentType: CONTENT_TYPES[kind] };
}

/** Which fonts print the report, and which roles fell back to a substitute (shown in the editor). */
export async function reportFonts(doc: DocumentTree): Promise<FontReport[]> {
  return documentFontReport(doc);
}

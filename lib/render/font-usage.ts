import type { DocumentTree } from '../document/types';
import { fontReport, resolveFonts, type FontOptions, type FontReport, type FontRole } from './fonts';

/** The text each font role prints in this document (what the PDF renderer gives each role). */
export function textByRole(doc: DocumentTree): Record<FontRole, string> {
  const out: Record<FontRole, string> = { title: '', heading1: '', heading2: '', body: '', table: '', pageNumber: '— 0123456789 —' };
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'title':
        out.title += b.text;
        break;
      case 'heading':
        out[b.level === 1 ? 'heading1' : 'heading2'] += b.text;
        break;
      case 'dateLine':
      case 'paragraph':
        out.body += b.text;
        break;
      case 'tableNote':
        out.table += b.text;
        break;
      case 'table':
        for (const r of b.table.rows) for (const c of r.cells) out.table += c.text;
        break;
    }
  }
  return out;
}

/**
 * Which fonts this document's PDF uses per role, which roles use an open substitute for the
 * official font, and which characters printed in a fallback font — for the app to show next
 * to the download (and warn when `isSubstitute` or a fallback is reported).
 */
export function documentFontReport(doc: DocumentTree, opts?: FontOptions): Promise<FontReport[]> {
  return fontReport(resolveFonts(opts), textByRole(doc));
}

/** Renderers over the document tree (lib/document): PDF, DOCX, the publication HTML, and the fonts they use. */
export { renderPdf, renderPdfInProcess, createPdfPool, closeSharedPdfPool, sharedPdfPool } from './pdf';
export type { PdfPool, PdfPoolOptions, RenderPdfOptions, PdfRenderOptions } from './pdf';
export { renderDocx, buildDocx, type DocxRenderOptions } from './docx';
export { renderHtml, type HtmlRenderOptions } from './html';
export { resolveFonts, fontReport, roleFamilies, FONT_ROLES, ROLE_SPECS } from './fonts';
export type { FontRole, FontFace, FontSetup, FontReport, FontOptions, ResolvedRole } from './fonts';
export { documentFontReport, textByRole } from './font-usage';

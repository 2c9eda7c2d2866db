/**
 * Renders a document tree to PDF in the calling thread. The pool's workers call this; tests
 * and the CLI may too. Fonts are registered once per thread (react-pdf keeps a parsed font in
 * its FontSource after the first render, so later renders reuse it).
 */
import { Font, renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import type { DocumentTree } from '../../document/types';
import type { InsightPrint } from '../../insight/print';
import { resolveFonts, type FontOptions, type FontSetup } from '../fonts';
import { cjkHyphenation } from './cjk-break';
import { assertArchival } from './pdfa';
import { drawable } from './missing-glyphs';
import { ReportPdf, conformanceOf, type PdfRenderOptions } from './report-pdf';

const registered = new Set<string>();

export function registerFonts(setup: FontSetup): void {
  for (const f of setup.faces) {
    if (registered.has(f.family)) continue;
    Font.register({ family: f.family, src: f.file, ...(f.postscriptName ? { postscriptName: f.postscriptName } : {}) });
    registered.add(f.family);
  }
  Font.registerHyphenationCallback(cjkHyphenation);
}

export type RenderPdfOptions = PdfRenderOptions & { fonts?: FontOptions };

export async function renderPdfInProcess(doc: DocumentTree, opts: RenderPdfOptions): Promise<Buffer> {
  const setup = resolveFonts(opts.fonts);
  registerFonts(setup);
  const options = { final: opts.final, conformance: opts.conformance };
  // A character no font of ours has is printed as 〓, not left to react-pdf's unembedded Helvetica.
  const drawn = drawable(doc, Object.values(setup.roles).map((r) => r.faces));
  const element = createElement(ReportPdf, { doc: drawn, fonts: setup, options });
  const pdf = await renderToBuffer(element as unknown as ReactElement<DocumentProps>);
  // A final copy that is not self-contained (a standard-14 font, say) is an error, not a PDF/A.
  if (conformanceOf(options)) assertArchival(pdf);
  return pdf;
}

/**
 * What a PDF worker renders: a report's document tree, or the district insight (whose charts
 * ECharts draws in the worker too). The insight's code is loaded on its first job only.
 */
export type PdfJob =
  | { kind: 'report'; doc: DocumentTree; opts: RenderPdfOptions }
  | { kind: 'insight'; print: InsightPrint; fonts?: FontOptions };

export async function renderJobInProcess(job: PdfJob): Promise<Buffer> {
  if (job.kind === 'report') return renderPdfInProcess(job.doc, job.opts);
  const { renderInsightPdfInProcess } = await import('./insight-pdf');
  return renderInsightPdfInProcess(job.print, job.fonts);
}

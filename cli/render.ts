import { writeFile } from 'node:fs/promises';
import { buildDocument, documentFileName } from '../lib/document';
import { renderPdfInProcess } from '../lib/render/pdf';
import { renderDocx } from '../lib/render/docx';
import { documentFontReport } from '../lib/render/font-usage';
import { getTemplate } from '../lib/template/registry';
import type { Report } from '../lib/report/types';

/**
 * `nianbao render`: the report as PDF and/or DOCX. Without `--final` the PDF carries the 「草稿」
 * watermark and the DOCX a 「草稿」 page header. Says which fonts it used and warns for each role that fell back to a substitute.
 */
export async function renderCommand(report: Report, opts: { pdf?: string; docx?: string; final: boolean }): Promise<string> {
  const doc = buildDocument(getTemplate(report.edition), report);
  const lines: string[] = [];
  if (opts.pdf) {
    const pdf = await renderPdfInProcess(doc, { final: opts.final });
    await writeFile(opts.pdf, pdf);
    lines.push(`已生成 PDF：${opts.pdf}（${Math.round(pdf.length / 1024)} KB${opts.final ? '' : '，带「草稿」水印'}）`);
  }
  if (opts.docx) {
    const docx = await renderDocx(doc, { final: opts.final });
    await writeFile(opts.docx, docx);
    lines.push(`已生成 Word：${opts.docx}（${Math.round(docx.length / 1024)} KB${opts.final ? '' : '，页眉带「草稿」'}）`);
  }
  lines.push(`建议文件名：${documentFileName(doc, 'pdf')}`);
  for (const f of await documentFontReport(doc)) {
    const note = f.isSubstitute ? `（未找到 ${f.official}，以开源字体代替）` : '';
    const fallback = f.fallbackChars.length ? `；「${f.fallbackChars.map((c) => c.char).join('')}」由后备字体排印` : '';
    lines.push(`字体 ${f.role}：${f.used}${note}${fallback}`);
  }
  return lines.join('\n') + '\n';
}

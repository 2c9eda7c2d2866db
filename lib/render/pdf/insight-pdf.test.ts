import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { Document, Image, Page, renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import { formatFigure } from '../../insight/indicators';
import { insightTitle } from '../../insight/district-rows';
import { insightPrint } from '../../insight/print-layout';
import { A4_MM, MARGINS_MM, mm } from '../../document/page-layout';
import { sampleInsight, unitName } from '../../../test/support/sample-insight';
import { firstOutOfOrder, flatText, isPageNumber, readPdf, textLines, type PdfRead } from '../../../test/support/pdf-text';
import { renderInsightPdfInProcess } from './insight-pdf';

const insight = sampleInsight(6);
let pdf: Buffer;
let read: PdfRead;
/** Per page: the drawing operators pdfjs reads from it. */
let ops: { paths: number; images: number }[];

/** Per page of a PDF: its path constructions and its painted images, as pdfjs reads them. */
async function drawingOps(data: Buffer): Promise<{ paths: number; images: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: { paths: number; images: number }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const list = await (await doc.getPage(n)).getOperatorList();
    const count = (codes: number[]) => list.fnArray.filter((f) => codes.includes(f)).length;
    out.push({
      paths: count([OPS.constructPath]),
      images: count([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup]),
    });
  }
  await doc.destroy();
  return out;
}

beforeAll(async () => {
  pdf = await renderInsightPdfInProcess(insightPrint(insight, new Date('2025-03-05T02:00:00Z')));
  read = await readPdf(pdf);
  ops = await drawingOps(pdf);
}, 120_000);

/** The page whose text holds `needle` (whitespace ignored). */
const pageWith = (needle: string) => read.pages.find((p) => p.items.map((i) => i.str).join('').replace(/\s+/g, '').includes(needle));

describe('the insight PDF', () => {
  it('is A4, every text inside the GB/T 9704 text block, page numbers below it', () => {
    const tol = 1.5;
    for (const p of read.pages) {
      expect(p.width).toBeCloseTo(mm(A4_MM.width), 0);
      expect(p.height).toBeCloseTo(mm(A4_MM.height), 0);
      for (const it of p.items) {
        const where = `p${p.number} «${it.str}»`;
        expect(it.x, where).toBeGreaterThanOrEqual(mm(MARGINS_MM.left) - tol);
        expect(it.x + it.width, where).toBeLessThanOrEqual(p.width - mm(MARGINS_MM.right) + tol);
        if (isPageNumber(it)) expect(it.y, where).toBeGreaterThan(p.height - mm(MARGINS_MM.bottom));
        else expect(it.y + it.height, where).toBeLessThanOrEqual(p.height - mm(MARGINS_MM.bottom) + tol);
      }
    }
  });

  it('prints the title, the date and the scope line', () => {
    const text = flatText(read);
    expect(read.info.Title).toBe(insightTitle(insight));
    expect(firstOutOfOrder(text, [insightTitle(insight), '数据截至2025年3月5日', '2024年度，范围：已通过的报告，计入6个单位的报告；有下级机关的单位由下级机关的报告计入，本机关报告不重复计入。', '分母为0的比率显示「—」'])).toBeNull();
  });

  it('prints every indicator with its value as the page shows it, 「—」 with its reason and 基数小 marked', () => {
    const text = flatText(read);
    const expected = insight.indicators.flatMap((i) => [i.name, formatFigure(i.kind, i.value)]);
    expect(firstOutOfOrder(text, ['一、指标', ...expected, '二、图表'])).toBeNull();
    const litigation = insight.indicators.find((i) => i.key === 'litigationCorrectionRate')!;
    const review = insight.indicators.find((i) => i.key === 'reviewCorrectionRate')!;
    expect(firstOutOfOrder(text, [litigation.name, '—', '分母为0，无数值'])).toBeNull();
    expect(firstOutOfOrder(text, [review.name, '1', '2', '50.0%', '基数小（分母不超过3件）'])).toBeNull();
  });

  it('prints the ranking table and every risk flag under its rule', () => {
    const text = flatText(read);
    const ranked = insight.ranking.flatMap((a) => [a.agencyName, formatFigure('rate', a.value)]);
    expect(firstOutOfOrder(text, ['三、各单位实质公开率排名', '名次', ...ranked, '四、风险提示'])).toBeNull();
    const rules = (['correction', 'swing', 'totals', 'late'] as const).map((r) => insight.ruleTexts[r]);
    expect(firstOutOfOrder(text, ['四、风险提示', ...rules])).toBeNull();
    expect(insight.flags.length).toBeGreaterThanOrEqual(3);
    for (const f of insight.flags) expect(firstOutOfOrder(text, [insight.ruleTexts[f.rule], f.agencyName, f.message])).toBeNull();
    // The cells behind a flag, one per line.
    const totals = insight.flags.find((f) => f.rule === 'totals')!;
    expect(text).toContain(`${totals.cells[0].label}：${totals.cells[0].value}`.replace(/\s+/g, ''));
  });

  it('counts a bitmap when there is one (the check below can fail)', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const bitmap = await renderToBuffer(
      createElement(Document, null, createElement(Page, { size: 'A4' }, createElement(Image, { src: { data: png, format: 'png' }, style: { width: 100, height: 100 } }))),
    );
    expect((await drawingOps(bitmap))[0].images).toBe(1);
  });

  it('draws the charts as vectors with their labels as text, no image anywhere', () => {
    expect(ops.every((p) => p.images === 0)).toBe(true);
    for (const caption of ['图1　历年依申请新收', '图2　历年实质公开率', '图3　各单位实质公开率分布', '图4　各单位实质公开率排名', '图5　各层级报告完成情况']) {
      const page = pageWith(caption.replace(/\s+/g, ''));
      expect(page, caption).toBeDefined();
      // Bars, axes and grid lines are paths on the page.
      expect(ops[page!.number - 1].paths, caption).toBeGreaterThan(10);
    }
    // Axis labels and data labels are text a reader can select and search.
    const trend = pageWith('图1　历年依申请新收'.replace(/\s+/g, ''))!;
    expect(textLines(trend).join('')).toContain('2023年');
    const ranking = pageWith('图4　各单位实质公开率排名'.replace(/\s+/g, ''))!;
    const chartText = ranking.items.map((i) => i.str).join('');
    for (let i = 0; i < 6; i++) expect(chartText).toContain(unitName(i));
    expect(pageWith('图5')!.items.map((i) => i.str).join('')).toContain('已通过');
  });

  it('embeds every font it uses: the charts name a registered family, never an unembedded standard font', () => {
    const raw = pdf.toString('latin1');
    const descriptors = raw.match(/\/Type \/FontDescriptor/g)?.length ?? 0;
    const files = raw.match(/\/FontFile[23]? /g)?.length ?? 0;
    expect(descriptors).toBeGreaterThan(0);
    expect(files).toBe(descriptors);
    // react-pdf falls back to Helvetica (not embedded, no CJK glyphs) for SVG text without a family.
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellDiffs, textDiffs } from '../../test/import/compare';
import { chromiumForTests, chromiumSkipReason, printHtmlWithChromium } from '../../test/support/chromium-print';
import { template2021 } from '../../templates/2021';
import { buildDocument } from '../document';
import { renderHtml } from '../render/html';
import { consistentReport } from '../../test/support/generate';
import { importFile } from './import-file';
import { readPdf } from './read-pdf';
import { unifyCharacters } from './unify-characters';
import { convertWithLibreOffice } from '../render/docx/libreoffice';
import { sofficeForTests, sofficeSkipReason } from '../../test/support/quick';

const chromium = chromiumForTests();
const soffice = sofficeForTests();
/** What a portal's CMS often makes of a report: tables with borders and nothing else. */
const plainStyle = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '<style>table{border-collapse:collapse}td,th{border:1px solid #000}</style>');

describe('characters that only look like the ones printed', () => {
  it('reads Kangxi radicals, CJK radicals and compatibility ideographs as the characters they stand for', () => {
    // U+2F00 一, U+2F42 文, U+2F8F 行, U+2ED3 长 (C-SIMPLIFIED LONG), U+2EDA 页, U+F9B4 (a compatibility 零).
    expect(unifyCharacters('\u2f00、总体情况 \u2f42件 \u2f8f政 \u2ed3期 \u2eda码 \uf9b2')).toBe('一、总体情况 文件 行政 长期 页码 零');
  });

  it('leaves full-width punctuation, digits and ordinary text as printed', () => {
    const s = '（一）本年新收政府信息公开申请数量：１２３件，“予以公开”。';
    expect(unifyCharacters(s)).toBe(s);
  });
});

describe('a publication page printed to PDF by Chromium (Skia; radicals in its font tables, Type 3 fonts)', () => {
  // test/support/chromium-print.ts made it from consistentReport(3, 900)'s publication page.
  const file = path.join(__dirname, '../../test/fixtures/producers/chromium-print.pdf');
  const bytes = new Uint8Array(readFileSync(file));

  it('is a file whose text comes out with radicals for common characters (what the fixture is for)', async () => {
    const lines = (await readPdf(bytes)).lines.map((l) => l.text);
    expect(lines).toContain('\u2f00、总体情况');
  });

  it('imports every cell and every part exactly', async () => {
    const want = consistentReport(3, 900);
    const { report, findings } = await importFile(bytes, 'chromium-print.pdf');
    expect(cellDiffs(report, want)).toEqual([]);
    expect(textDiffs(report, want)).toEqual([]);
    expect(report.meta.agencyName).toBe(want.meta.agencyName);
    expect(findings.filter((f) => f.certainty !== 'sure').map((f) => f.message)).toEqual([]);
  }, 60_000);
});

describe('a publication page printed to PDF by LibreOffice (its header repeated on every page, tall rows broken across pages)', () => {
  // Made once from consistentReport(3, 900)'s publication page: convertWithLibreOffice(html,
  // 'html', 'pdf') (lib/render/docx/libreoffice.ts, with our fonts). LibreOffice lets a row break
  // across a page, so 「5.属于三类内部事务信息」 prints 「5.属于三类」「内部事务信」 with its numbers
  // at the foot of one page and 「息」 on the next, below the repeated column header; and it prints
  // headings flush left like the text under them.
  const file = path.join(__dirname, '../../test/fixtures/producers/libreoffice-web-print.pdf');
  const bytes = new Uint8Array(readFileSync(file));

  it('is a file with a row label broken by a repeated header (what the fixture is for)', async () => {
    const texts = (await readPdf(bytes)).lines.map((l) => l.text);
    expect(texts.filter((t) => t === '申请人情况').length).toBeGreaterThan(2);
    const head = texts.findIndex((t) => t.startsWith('5.属于三类'));
    const rest = texts.indexOf('息', head);
    expect(head).toBeGreaterThan(0);
    expect(texts.slice(head, rest)).toContain('申请人情况');
    expect(texts).toContain('（一）主动公开');
  });

  it('imports every cell exactly, the broken rows included', async () => {
    const want = consistentReport(3, 900);
    const { report } = await importFile(bytes, 'libreoffice-web-print.pdf');
    expect(cellDiffs(report, want)).toEqual([]);
    // Rows whose labels come glued to pieces of the vertical group label are found by their
    // labels, not only by number and position: nothing left to confirm.
    expect(Object.keys(report.meta.toConfirm ?? {})).toEqual([]);
  }, 60_000);

  it('reads each part under its own heading (headings flush left, no indent after them)', async () => {
    const want = consistentReport(3, 900);
    const { report } = await importFile(bytes, 'libreoffice-web-print.pdf');
    // LibreOffice sets a gap between Chinese and Western characters, which the text keeps as a space.
    const gapless = (r: typeof want) => ({ ...r, text: JSON.parse(JSON.stringify(r.text).replace(/ (?=\d)|(?<=\d) /g, '')) });
    expect(textDiffs(gapless(report), want)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!chromium)(`表三 split over two pages without its header repeated (printed by Chromium)${chromiumSkipReason()}`, () => {
  for (const [seed, scale] of [[3, 900], [8, 60]] as const)
    it(`report ${seed}: every cell, though the second page has no column headings`, async () => {
      const want = consistentReport(seed, scale);
      // A portal page whose table has no <thead>: Chromium repeats no header after the break.
      const html = renderHtml(buildDocument(template2021, want), { final: true }).replace(/<(\/?)thead>/g, '<$1tbody>');
      const pdf = await printHtmlWithChromium(chromium!, html);
      const lines = (await readPdf(pdf)).lines.map((l) => ({ ...l, text: unifyCharacters(l.text) }));
      const pageOf = (text: string) => lines.find((l) => l.text.startsWith(text))?.page;
      expect(pageOf('（七）总计')).toBeGreaterThan(pageOf('申请人情况') ?? Infinity);
      expect(lines.filter((l) => l.text.startsWith('申请人情况'))).toHaveLength(1);
      const { report } = await importFile(pdf, 'page.pdf');
      expect(cellDiffs(report, want)).toEqual([]);
    }, 60_000);
});

describe.skipIf(!chromium)(`a plain web page (the browser's own table style) printed by Chromium${chromiumSkipReason()}`, () => {
  // What a portal's CMS often makes of a report: the tables with borders and nothing else, so
  // values are left-aligned with no cell padding (「行政规范性文件52」 comes out as one piece), a
  // 5-digit 总计 sits a space away from its neighbour, and 表三's row 「5.要求行政机关确认或重新
  // 出具已获取信息」 ends up in the bottom margin of its page.
  const plain = plainStyle;
  for (const [seed, scale] of [[3, 900], [8, 60]] as const)
    it(`report ${seed}: every cell`, async () => {
      const want = consistentReport(seed, scale);
      const pdf = await printHtmlWithChromium(chromium!, plain(renderHtml(buildDocument(template2021, want), { final: true })));
      const { report } = await importFile(pdf, 'page.pdf');
      expect(cellDiffs(report, want)).toEqual([]);
    }, 60_000);
});

describe.skipIf(!soffice)(`a plain web page printed to PDF by LibreOffice${sofficeSkipReason()}`, () => {
  // 表三's group labels come out down their narrow column, their pieces between the labels of
  // the rows beside them (「三、本年」「（一）予以公开」「度办理结」「果」); the rows must still be found.
  for (const [seed, scale] of [[1, 30], [4, 5000]] as const)
    it(`report ${seed}: every cell`, async () => {
      const want = consistentReport(seed, scale);
      const html = plainStyle(renderHtml(buildDocument(template2021, want)));
      const pdf = await convertWithLibreOffice(new TextEncoder().encode(html), 'html', 'pdf');
      const { report } = await importFile(new Uint8Array(pdf!), 'page.pdf');
      expect(cellDiffs(report, want)).toEqual([]);
    }, 120_000);
});

describe('a web page opened in LibreOffice Writer and exported as PDF: 表四 wider than the page', () => {
  // Made once from consistentReport(4, 5000)'s publication page: soffice
  // --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export, with our fonts. 表四's
  // last column runs past the page's right edge: 复议后起诉's 总计 8569 prints as 「856」.
  const file = path.join(__dirname, '../../test/fixtures/producers/libreoffice-writer-wide-table.pdf');
  const bytes = new Uint8Array(readFileSync(file));

  it('marks the number cut at the page edge, and every other cell is right, blank or marked', async () => {
    const want = consistentReport(4, 5000);
    const { report } = await importFile(bytes, 'wide.pdf');
    const cut = 'table4.litigationAfterReview.total';
    expect(report.tables.table4.litigationAfterReview.total).toBe(856);
    expect(report.meta.toConfirm?.[cut]).toMatch(/页面边缘/);
    const silent = cellDiffs(report, want).filter((d) => !d.includes(': null') && !Object.keys(report.meta.toConfirm ?? {}).some((k) => d.startsWith(`${k}:`)));
    expect(silent).toEqual([]);
  }, 60_000);

  it('finds 表三\'s rows whose labels come glued to pieces of the group label beside them', async () => {
    // 「年度办（二）部分公开」「理结果（区分处理的，」: the vertical 「三、本年度办理结果」 and the row
    // label come out as one text run per line, so the label's lines start with foreign characters.
    const want = consistentReport(4, 5000);
    const { report } = await importFile(bytes, 'wide.pdf');
    expect(cellDiffs(report, want)).toEqual(['table4.litigationAfterReview.total: 856 → want 8569']);
    expect(Object.keys(report.meta.toConfirm ?? {})).toEqual(['table4.litigationAfterReview.total']);
  }, 60_000);
});

/**
 * A table of the insight PDF (下级机关, 排名, 风险提示) never starts at a page foot with its header
 * and one row, as the report's tables (table-start.test.ts): where it begins, at least
 * ROWS_WITH_HEADER rows are under its header on that page, or it starts on the next page with
 * its heading. The paragraph before it is lengthened line by line so that the table meets the
 * page foot at every offset.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isPageNumber, readPdf, type PdfRead } from '../../../test/support/pdf-text';
import { commonChars } from '../../../test/support/sample-report';
import type { InsightPrint } from '../../insight/print';
import { ROWS_WITH_HEADER } from './common';
import { renderInsightPdfInProcess } from './insight-pdf';

const HEADING = '四、排名';
const HEADER = '单位名称';
const rowText = (i: number) => `第${i + 1}名单位`;

function print(lines: number, rows = 12): InsightPrint {
  const chars = commonChars(26).join('');
  return {
    title: '某某市辖区2024年政府信息公开工作年度报告分析',
    titleLines: ['某某市辖区2024年政府信息公开工作年度报告分析'],
    dateLine: '数据截至2025年3月1日',
    meta: { author: '某某市', subject: '辖区分析', keywords: [] },
    blocks: [
      { kind: 'paragraph', text: Array.from({ length: lines + 1 }, () => `${chars}。`).join('\n') },
      { kind: 'heading', level: 1, text: HEADING },
      {
        kind: 'table',
        table: {
          caption: '排名',
          columns: [
            { label: '名次', width: 0.15, align: 'center' },
            { label: HEADER, width: 0.6, align: 'left' },
            { label: '数值', width: 0.25, align: 'center' },
          ],
          rows: Array.from({ length: rows }, (_, i) => ({ kind: 'row' as const, cells: [{ text: String(i + 1) }, { text: rowText(i) }, { text: String(100 - i) }] })),
        },
      },
    ],
  };
}

const reads: { lines: number; read: PdfRead }[] = [];
/** The table ending at every height of its last page: one row more each time. */
const long: { rows: number; read: PdfRead }[] = [];

beforeAll(async () => {
  for (let lines = 14; lines <= 30; lines += 1) reads.push({ lines, read: await readPdf(await renderInsightPdfInProcess(print(lines))) });
  for (let rows = 20; rows <= 50; rows += 1) long.push({ rows, read: await readPdf(await renderInsightPdfInProcess(print(3, rows))) });
}, 300_000);

describe('where a table of the insight PDF starts', () => {
  it('its header has at least three rows under it on that page, and its heading stays with it', () => {
    let moved = 0;
    for (const { lines, read } of reads) {
      const page = read.pages.find((p) => p.items.some((i) => i.str.includes(HEADER)))!;
      const items = page.items.filter((i) => !isPageNumber(i));
      const missing = Array.from({ length: ROWS_WITH_HEADER }, (_, i) => rowText(i)).filter((row) => !items.some((i) => i.str.includes(row)));
      expect(missing, `paragraph of ${lines + 1} lines: the table starts on page ${page.number} without ${missing.join('、')}`).toEqual([]);
      expect(items.some((i) => i.str.includes(HEADING)), `paragraph of ${lines + 1} lines: the table's heading is not on its page`).toBe(true);
      if (items.sort((a, b) => a.y - b.y)[0].str.includes(HEADING)) moved++;
    }
    // The lengths above make the table meet a page foot.
    expect(moved).toBeGreaterThan(0);
  });

  it('never leaves a page with the repeated header alone, nor an empty page after the table', () => {
    for (const { rows, read } of long) {
      for (const page of read.pages) {
        const items = page.items.filter((i) => !isPageNumber(i));
        expect(items.length, `${rows} rows: page ${page.number} is empty`).toBeGreaterThan(0);
        if (items.some((i) => i.str.includes(HEADER))) {
          expect(items.some((i) => i.str.includes('名单位')), `${rows} rows: page ${page.number} holds the table's header and no row`).toBe(true);
        }
      }
    }
  });
});

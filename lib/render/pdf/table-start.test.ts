/**
 * A table never starts at a page foot with its header and one row (issue 24, point 8): where 表三
 * begins, its header has at least three rows under it on that page (一、本年新收, 二、上年结转,
 * （一）予以公开), or the table starts on the next page. The opening text is lengthened line by
 * line so that 表三 meets the page foot at every offset.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { template2021 } from '../../../templates/2021';
import { buildDocument } from '../../document/build';
import { blankReport } from '../../report/blank';
import { isPageNumber, isWatermark, readPdf, type PdfRead } from '../../../test/support/pdf-text';
import { commonChars } from '../../../test/support/sample-report';
import { renderPdfInProcess } from './render-in-process';

const reads: { lines: number; read: PdfRead }[] = [];
const HEADER = '申请人情况';
const HEADING = '三、收到和处理';
const FIRST_ROWS = ['一、本年新收', '二、上年结转', '（一）予以公开'];

beforeAll(async () => {
  const chars = commonChars(26).join('');
  for (let lines = 0; lines <= 23; lines += 1) {
    const report = blankReport(template2021, { agencyName: '某某街道办事处', year: 2024 });
    report.text.overview.lead = Array.from({ length: lines + 1 }, () => `${chars}。`).join('\n');
    reads.push({ lines, read: await readPdf(await renderPdfInProcess(buildDocument(template2021, report), { final: true })) });
  }
}, 300_000);

describe('where 表三 starts', () => {
  it('its header has at least three rows under it on that page, and its heading stays with it', () => {
    let moved = 0;
    for (const { lines, read } of reads) {
      const page = read.pages.find((p) => p.items.some((i) => i.str.includes(HEADER)))!;
      const items = page.items.filter((i) => !isPageNumber(i) && !isWatermark(i));
      const missing = FIRST_ROWS.filter((row) => !items.some((i) => i.str.startsWith(row)));
      expect(missing, `opening text of ${lines + 1} lines: 表三 starts on page ${page.number} without ${missing.join('、')}`).toEqual([]);
      expect(items.some((i) => i.str.startsWith(HEADING)), `opening text of ${lines + 1} lines: 表三's heading is not on its page`).toBe(true);
      // The heading opens the page: the table moved to it rather than start at the foot of the page before.
      if (items.sort((a, b) => a.y - b.y)[0].str.startsWith(HEADING)) moved++;
    }
    // The lengths above make 表三 meet a page foot.
    expect(moved).toBeGreaterThan(0);
  });
});

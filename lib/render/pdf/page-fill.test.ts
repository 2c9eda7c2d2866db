/**
 * No page ends much short (issue 9, item 16): 表二 may break between its 第二十条 blocks (never
 * inside one), so wherever it falls on a page, the page before it ends at most ~6 lines short.
 * The opening text is lengthened line by line so that 表二 meets the page foot at every offset.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { template2021 } from '../../../templates/2021';
import { buildDocument } from '../../document/build';
import { blankReport } from '../../report/blank';
import { LINE_PITCH_PT, MARGINS_MM, mm } from '../../document/page-layout';
import { isPageNumber, isWatermark, readPdf, type PdfRead } from '../../../test/support/pdf-text';
import { commonChars } from '../../../test/support/sample-report';
import { renderPdfInProcess } from './render-in-process';

const reads: PdfRead[] = [];
const CAPTION = '第二十条第';

beforeAll(async () => {
  const chars = commonChars(26).join('');
  for (let lines = 8; lines <= 22; lines += 1) {
    const report = blankReport(template2021, { agencyName: '某某街道办事处', year: 2024 });
    report.text.overview.lead = Array.from({ length: lines }, () => `${chars}。`).join('\n');
    reads.push(await readPdf(await renderPdfInProcess(buildDocument(template2021, report), { final: true })));
  }
}, 180_000);

const content = (read: PdfRead, n: number) => read.pages[n - 1].items.filter((i) => !isPageNumber(i) && !isWatermark(i));

describe('page fill around 表二', () => {
  it('breaks 表二 between its blocks, never inside one, and no page before it ends more than 6 lines short', () => {
    let splits = 0;
    for (const read of reads) {
      const pagesWith = read.pages.filter((p) => content(read, p.number).some((i) => i.str.startsWith(CAPTION))).map((p) => p.number);
      if (pagesWith.length > 1) splits++;
      for (const [k, n] of pagesWith.entries()) {
        // A block starts with its caption: a page that continues 表二 opens with one.
        const first = content(read, n).sort((a, b) => a.y - b.y)[0];
        if (k > 0) expect(first.str.startsWith(CAPTION), `page ${n} opens inside a block: ${first.str}`).toBe(true);
        if (n === 1) continue;
        const prev = read.pages[n - 2];
        const bottom = Math.max(...content(read, n - 1).map((i) => i.y + i.height));
        const short = (prev.height - mm(MARGINS_MM.bottom) - bottom) / LINE_PITCH_PT;
        expect(short, `page ${n - 1} ends ${short.toFixed(1)} lines short before 表二`).toBeLessThanOrEqual(6);
      }
    }
    // The text lengths above make 表二 straddle a page break at least once.
    expect(splits).toBeGreaterThan(0);
  });
});

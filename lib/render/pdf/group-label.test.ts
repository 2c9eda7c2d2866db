/**
 * A merged row label that spans several row groups (表三 三、本年度办理结果) prints on every page
 * its rows reach, and never on a page without them (issue 9, item 18). Seed 003 breaks 表三
 * right after （二）部分公开: before the fix the label printed on the next page only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { template2021 } from '../../../templates/2021';
import { loadSeedFixtures } from '../../../test/fixtures/load';
import { buildDocument } from '../../document/build';
import type { DocTable } from '../../document/types';
import { sampleReport } from '../../../test/support/sample-report';
import { isPageNumber, isWatermark, readPdf, type PdfPage } from '../../../test/support/pdf-text';
import { renderPdfInProcess } from './render-in-process';

type Case = { name: string; table: DocTable; pages: PdfPage[] };
const cases: Case[] = [];

beforeAll(async () => {
  const reports = [
    { name: 'generated', report: sampleReport(template2021) },
    ...loadSeedFixtures().filter((s) => s.name.startsWith('003')),
  ];
  for (const { name, report } of reports) {
    const doc = buildDocument(template2021, report);
    const table = doc.blocks.flatMap((b) => (b.kind === 'table' && b.table.key === 'table3' ? [b.table] : []))[0];
    const read = await readPdf(await renderPdfInProcess(doc, { final: true }));
    cases.push({ name, table, pages: read.pages });
  }
}, 120_000);

const pageText = (p: PdfPage) =>
  p.items
    .filter((i) => !isPageNumber(i) && !isWatermark(i))
    .map((i) => i.str)
    .join('')
    .replace(/\s+/g, '');

describe('表三 row-group label', () => {
  it('prints 三、本年度办理结果 on every page that holds its rows, and on no other', () => {
    for (const c of cases) {
      const label = c.table.rows.flatMap((r) => r.cells).find((x) => x.role === 'rowHeader' && x.rowSpan > 1 && x.col === 0)!;
      expect(label.text).toBe('三、本年度办理结果');
      // The group's own row labels (（一）予以公开 … 3.其他, （七）总计), by the start of their first line.
      const inside = c.table.rows
        .slice(label.row, label.row + label.rowSpan)
        .flatMap((r) => r.cells)
        .filter((x) => x.role === 'rowHeader' && x !== label && x.rowSpan === 1)
        .map((x) => x.text.slice(0, 5));
      const withRows = c.pages.filter((p) => inside.some((t) => pageText(p).includes(t))).map((p) => p.number);
      const withLabel = c.pages.filter((p) => pageText(p).includes(label.text)).map((p) => p.number);
      expect(withRows.length, `${c.name}: the group should span two pages here`).toBeGreaterThan(1);
      expect(withLabel, c.name).toEqual(withRows);
    }
  });

  it('keeps the label inside the table on each page (never below its last row)', () => {
    for (const c of cases)
      for (const p of c.pages) {
        const items = p.items.filter((i) => !isPageNumber(i) && !isWatermark(i));
        const labelEnd = items.find((i) => i.str.includes('果') && i.width < 12 && i.x < 110);
        if (!labelEnd) continue;
        // Numbers in the value columns: the table's rows on this page.
        const lastRow = Math.max(...items.filter((i) => /^\d+$/.test(i.str.trim()) && i.x > 250).map((i) => i.y + i.height));
        expect(labelEnd.y + labelEnd.height, `${c.name} p${p.number}`).toBeLessThanOrEqual(lastRow + 6);
      }
  });
});

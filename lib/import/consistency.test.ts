import { describe, expect, it } from 'vitest';
import { reportText } from '../../test/import/variants';
import { consistentReport } from '../../test/support/generate';
import { shiftExplains } from './consistency';
import { parseSource } from './parse';
import { linesFromText } from './read-text';

const parse = (text: string) => parseSource({ format: 'text', lines: linesFromText(text) });

describe('consistency pass (issue 11 §3)', () => {
  it('finds the one-cell move that makes a row add up, and nothing for a consistent row or arithmetic no move explains', () => {
    expect(shiftExplains([1, 2, 3, 0, 0, 0, 6])).toBeNull();
    expect(shiftExplains([2, 3, 0, 0, 0, 6, 1])).not.toBeNull();
    // The real report's 表四 复议 row: 10 + 1 + 0 + 0 vs 总计 0 — its own arithmetic, imported as printed.
    expect(shiftExplains([10, 1, 0, 0, 0])).toBeNull();
  });

  it('a row whose values were read one cell off is marked doubtful cell by cell, not passed as printed', () => {
    const r = consistentReport(41, 300);
    const row = r.tables.table3.granted;
    row.natural = 2;
    row.business = 3;
    row.research = 0;
    row.publicWelfare = 0;
    row.legalService = 0;
    row.otherOrg = 1;
    row.total = 6;
    // Printed with the 1 of 其他 moved to the front: 1 2 3 0 0 0 6 → details 6 = total, consistent;
    // printed instead as 2 3 0 0 0 6 1 (everything one cell to the left, the 1 at the end).
    const text = reportText(r).replace(/（一）予以公开 [^\n]+/, '（一）予以公开 2 3 0 0 0 6 1');
    const { findings, report } = parse(text);
    const marked = findings.filter((f) => f.kind === 'shift').flatMap((f) => f.cells ?? [f.cell]);
    expect(marked.map((c) => c!.row)).toEqual(Array(7).fill('granted'));
    expect(findings.find((f) => f.kind === 'shift')?.message).toMatch(/总计与明细不符.*一格就相符/);
    // The draft keeps the doubt: the seven cells await confirmation in the editor, with the reason.
    const toConfirm = Object.entries(report.meta.toConfirm ?? {});
    expect(toConfirm.map(([id]) => id)).toEqual(Object.keys(row).map((c) => `table3.granted.${c}`));
    expect(toConfirm[0][1]).toMatch(/一格就相符/);
  });
});

describe('doubts grouped (issue 11 §5)', () => {
  it('130 blank cells are one finding that lists the cells, and each cell is still marked', () => {
    const r = consistentReport(42, 300);
    for (const [key, row] of Object.entries(r.tables.table3)) for (const col of Object.keys(row)) if (col !== 'natural' && col !== 'total') r.tables.table3[key][col] = null;
    const { findings, report } = parse(reportText(r));
    const blanks = findings.filter((f) => f.kind === 'blank');
    expect(blanks).toHaveLength(1);
    expect(blanks[0].cells!.length).toBeGreaterThanOrEqual(125);
    expect(blanks[0].message).toMatch(/^\d+ 个单元格原文为空白/);
    expect(blanks[0].message).toContain('表三「（一）予以公开」「商业企业」');
    expect(report.tables.table3.granted.business).toBeNull();
    expect(report.tables.table3.granted.natural).toBe(r.tables.table3.granted.natural);
  });
});

describe('a value beyond the count range', () => {
  it('is left blank and marked, never dropped silently', () => {
    const r = consistentReport(43, 300);
    const text = reportText(r).replace(/（一）予以公开 (\d+)/, '（一）予以公开 12345678901234567');
    const { report, findings } = parse(text);
    expect(report.tables.table3.granted.natural).toBeNull();
    const f = findings.find((x) => x.kind === 'outOfRange');
    expect(f?.certainty).toBe('unsure');
    expect(f?.cell).toEqual({ table: 'table3', row: 'granted', col: 'natural' });
  });
});

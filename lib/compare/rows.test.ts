import { describe, expect, test } from 'vitest';
import { setCell } from '../report';
import type { Report } from '../report/types';
import { tableCells } from '../template/walk';
import { template2021 as template } from '../../templates/2021';
import { consistentReport } from '../../test/support/generate';
import { compareReports } from './compare-reports';
import { comparedCellRows, comparedTextRows } from './rows';

const base = consistentReport(3);
const compared = (before: Report, after: Report) => ({ before, after, diff: compareReports(template, before, after) });
const withText = (r: Report, section: string, part: string, text: string): Report => ({
  ...r,
  text: { ...r.text, [section]: { ...r.text[section], [part]: text } },
});

describe('comparedCellRows', () => {
  test('every value cell of 表二/三/四 in printed order, the changed one marked with both values', () => {
    const ref = { table: 'table3', row: 'stateSecret', col: 'business' } as const;
    const after = setCell(base, ref, 12_345);
    const rows = comparedCellRows(template, compared(base, after));
    const all = (['table2', 'table3', 'table4'] as const).flatMap((t) => tableCells(template, t));
    expect(rows).toHaveLength(all.length);
    expect(rows.map((r) => r.id)).toEqual(all.map((c) => `${c.table}.${c.row}.${c.col}`));
    expect(rows.filter((r) => r.changed)).toEqual([
      {
        id: 'table3.stateSecret.business',
        tableName: '表三',
        row: '三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密',
        column: '商业企业',
        before: base.tables.table3.stateSecret.business,
        after: 12_345,
        changed: true,
        blankVsZero: false,
      },
    ]);
  });

  test('blank ↔ 0 is a change of its own kind; an amount written 1.50 for 1.5 is none', () => {
    const pending = { table: 'table4', row: 'review', col: 'pending' } as const;
    const fee = { table: 'table2', row: 'administrativeFees', col: 'amount' } as const;
    const rows = comparedCellRows(template, compared(setCell(setCell(base, pending, null), fee, '1.5'), setCell(setCell(base, pending, 0), fee, '1.50')));
    expect(rows.filter((r) => r.changed).map((r) => [r.id, r.before, r.after, r.blankVsZero])).toEqual([['table4.review.pending', null, 0, true]]);
    expect(rows.find((r) => r.id === 'table2.administrativeFees.amount')).toMatchObject({ before: '1.5', after: '1.50', changed: false, blankVsZero: false });
  });
});

describe('comparedTextRows', () => {
  const section = template.sections.find((s) => s.parts.length > 1)!;
  const [first, second] = section.parts;

  test('between versions: only the changed parts, with their diff', () => {
    const before = withText(withText(base, section.key, first.key, '上年原文。'), section.key, second.key, '不变的一段。');
    const after = withText(before, section.key, first.key, '本年新写。');
    const rows = comparedTextRows(template, compared(before, after), false);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: `${section.key}.${first.key}`, identical: false });
    expect(rows[0].heading).toMatch(new RegExp(`^.+ · ${first.title ?? first.label}$`));
    expect(rows[0].segments.some((s) => s.kind === 'insert')).toBe(true);
  });

  test('year over year: the unchanged parts with text too, as one equal run, in printed order; empty ones left out', () => {
    const blank = Object.fromEntries(template.sections.map((s) => [s.key, Object.fromEntries(s.parts.map((p) => [p.key, '']))]));
    const empty: Report = { ...base, text: blank };
    const before = withText(withText(empty, section.key, first.key, '上年原文。'), section.key, second.key, '照抄的一段。');
    const after = withText(before, section.key, first.key, '本年新写。');
    const rows = comparedTextRows(template, compared(before, after), true);
    expect(rows.map((r) => [r.key, r.identical])).toEqual([
      [`${section.key}.${first.key}`, false],
      [`${section.key}.${second.key}`, true],
    ]);
    expect(rows[1].segments).toEqual([{ kind: 'equal', text: '照抄的一段。' }]);
  });
});

import { describe, expect, test } from 'vitest';
import { tablesCommand } from '../../cli/tables';
import { getCell, setCell } from '../report';
import { tableCells } from '../template/walk';
import { template2021 as template } from '../../templates/2021';
import { consistentReport } from '../../test/support/generate';
import { SUMMED_TABLES, sumReports } from './sum-reports';
import { summaryRows } from './summary-rows';

const allCells = SUMMED_TABLES.flatMap((k) => tableCells(template, k));
const AMOUNT = { table: 'table2', row: 'administrativeFees', col: 'amount' } as const;
const withoutAmount = (r: ReturnType<typeof consistentReport>) => setCell(r, AMOUNT, null);

describe('summaryRows', () => {
  test('one line per value cell in printed order, each the sum of the reports, a blank as 「」', () => {
    const a = consistentReport(1);
    const b = withoutAmount(consistentReport(2));
    const { report } = sumReports(template, [a, b]);
    const rows = summaryRows(template, report);
    expect(rows).toHaveLength(allCells.length);
    expect(rows.map((r) => r.table)).toEqual(allCells.map((c) => ({ table2: '二', table3: '三', table4: '四' })[c.table]));
    // Counts add up; the amount of 行政事业性收费 was blank in one report, so it is that of the other.
    for (const [i, cell] of allCells.entries()) {
      if (cell.table === 'table2' && cell.col === 'amount') continue;
      expect(rows[i].value, rows[i].row).toBe(String(Number(getCell(a, cell)) + Number(getCell(b, cell))));
    }
    const fees = rows[allCells.findIndex((c) => c.table === AMOUNT.table && c.row === AMOUNT.row && c.col === AMOUNT.col)];
    expect(fees.value).toBe(String(getCell(a, AMOUNT)));
    // …and the lines are those of `nianbao tables`, so a CSV of either lines up.
    expect(rows.map((r) => [r.table, r.row, r.column, r.value].join('\t')).join('\n') + '\n').toBe(tablesCommand(report));
  });

  test('labels come from the template: a 表三 sub-item carries its group', () => {
    const { report } = sumReports(template, [consistentReport(1)]);
    const rows = summaryRows(template, report);
    const secret = tableCells(template, 'table3').find((c) => c.row === 'stateSecret' && c.col === 'natural')!;
    const row = rows.find((r) => r.row === secret.rowPath.join(' / ') && r.column === secret.colLabel)!;
    expect(secret.rowPath.length).toBe(3);
    expect(row.value).toBe(String(getCell(report, secret)));
  });
});

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
  test('the same lines as `nianbao tables`, in printed order', () => {
    const { report } = sumReports(template, [consistentReport(1), withoutAmount(consistentReport(2))]);
    const rows = summaryRows(template, report);
    expect(rows).toHaveLength(allCells.length);
    const asTsv = rows.map((r) => [r.table, r.row, r.column, r.value].join('\t')).join('\n') + '\n';
    expect(asTsv).toBe(tablesCommand(report));
    expect(new Set(rows.map((r) => r.table)).size).toBe(3);
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

import { expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { getCell, setCell } from '../report/cells';
import { tableCells } from '../template/walk';
import { consistentReport } from '../../test/support/generate';
import { parseCsv } from '../../test/support/csv';
import { REPORT_CSV_HEADER, reportTablesCsv } from './report-csv';

it('one line per value cell of 表二/三/四, labelled and keyed; reads back to the report', () => {
  let r = consistentReport(3, 900);
  r = setCell(r, { table: 'table2', row: 'administrativeFees', col: 'amount' }, '12.3456');
  r = setCell(r, { table: 'table3', row: 'newReceived', col: 'otherOrg' }, null);
  const [header, ...rows] = parseCsv(reportTablesCsv(template2021, r).slice(1));
  expect(header).toEqual([...REPORT_CSV_HEADER]);
  const cells = (['table2', 'table3', 'table4'] as const).flatMap((t) => tableCells(template2021, t));
  expect(rows).toHaveLength(cells.length);
  rows.forEach(([, , , value, table, row, col], i) => {
    expect({ table, row, col }).toEqual({ table: cells[i].table, row: cells[i].row, col: cells[i].col });
    const v = getCell(r, cells[i]);
    expect(value).toBe(v === null ? '' : String(v));
  });
  expect(rows[0].slice(0, 3)).toEqual(['二', '第二十条第（一）项 / 规章', '本年制发件数']);
});

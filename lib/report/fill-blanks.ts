import type { CellRef, ReportTemplate, TableKey } from '../template/types';
import { tableCells, tableName } from '../template/walk';
import { getCell, recomputeTotals, setCell } from './cells';
import type { Report } from './types';

/**
 * 「未填写的单元格填 0」: the blank cells a clerk types (totals are computed) of one table, and
 * the rows they are in. Blank and 0 stay distinct everywhere else: only this deliberate,
 * confirmed and recorded action turns blanks into zeros.
 */
export function blankCells(template: ReportTemplate, report: Report, table: TableKey): { cells: CellRef[]; rows: string[] } {
  const cells = tableCells(template, table).filter((c) => !c.computed && getCell(report, c) === null);
  const rows = [...new Set(cells.map((c) => c.rowPath.at(-1)!))];
  return { cells: cells.map(({ table: t, row, col }) => ({ table: t, row, col })), rows };
}

/** The report with those cells set to 0 (「0」 for a 万元 amount), totals recomputed when computed. */
export function fillBlanks(template: ReportTemplate, report: Report, table: TableKey): Report {
  let next = report;
  for (const c of tableCells(template, table)) if (!c.computed && getCell(next, c) === null) next = setCell(next, c, c.valueType === 'amount' ? '0' : 0);
  return next.meta.totals === 'computed' ? recomputeTotals(template, next, table) : next;
}

/** What the history says: 「未填写的单元格填 0：表三 131 格，共 25 行（「…」「…」「…」等）」. */
export function fillBlanksNote(template: ReportTemplate, table: TableKey, blanks: { cells: CellRef[]; rows: string[] }): string {
  const shown = blanks.rows.slice(0, 3).map((r) => `「${r}」`).join('');
  return `未填写的单元格填 0：${tableName(template, table)} ${blanks.cells.length} 格，共 ${blanks.rows.length} 行（${shown}${blanks.rows.length > 3 ? '等' : ''}）`;
}

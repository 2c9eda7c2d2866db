/**
 * A table of the document tree (lib/document) as a spreadsheet sheet laid out as printed: the
 * same merged header cells and exact labels, values as numbers, one heading row above.
 */
import { getCell } from '../report/cells';
import type { CellValue, Report } from '../report/types';
import type { DocTable } from '../document/types';
import type { XlsxMerge, XlsxSheet } from './xlsx';

/** Width of the widest printed table in Excel character units (about an A4 landscape line). */
const SHEET_WIDTH = 110;
const MIN_COLUMN = 6;

/**
 * A value as a spreadsheet cell: a number when it converts exactly (so it adds up again),
 * else the exact decimal text (an amount beyond a double's 15–16 digits); blank stays empty.
 */
export function spreadsheetValue(value: CellValue): string | number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && String(n) === text ? n : text;
}

export function printedTableSheet(name: string, heading: string, table: DocTable, report: Report): XlsxSheet {
  const width = table.columnWidths.length;
  const rowCount = table.rows.length + 1;
  const rows: (string | number | null)[][] = Array.from({ length: rowCount }, () => Array<string | number | null>(width).fill(null));
  rows[0][0] = heading;
  const merges: XlsxMerge[] = [{ row: 0, col: 0, rowSpan: 1, colSpan: width }];
  const leftAligned: XlsxMerge[] = [];
  for (const tr of table.rows) {
    for (const cell of tr.cells) {
      const at = { row: cell.row + 1, col: cell.col, rowSpan: cell.rowSpan, colSpan: cell.colSpan };
      rows[at.row][at.col] = cell.role === 'value' && cell.ref ? spreadsheetValue(getCell(report, cell.ref)) : cell.text;
      if (cell.rowSpan > 1 || cell.colSpan > 1) merges.push(at);
      if (cell.align === 'left') leftAligned.push(at);
    }
  }
  return {
    name,
    rows,
    merges,
    grid: { fromRow: 1, columnWidths: table.columnWidths.map((f) => Math.max(MIN_COLUMN, Math.round(f * SHEET_WIDTH))), leftAligned },
  };
}

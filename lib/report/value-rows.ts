import type { ReportTemplate, TableKey } from '../template/types';
import { sectionOfTable, tableCells } from '../template/walk';
import { getCell } from './cells';
import type { CellValue, Report } from './types';

/** The three statutory tables, in printed order. */
export const REPORT_TABLES: readonly TableKey[] = ['table2', 'table3', 'table4'];

/**
 * One value cell as a line: the table's section numeral (二, 三, 四), the row's template labels
 * joined by « / », the column label, the value — and the keys, for a program reading it back.
 * `nianbao tables`, the report's CSV and the district summary all print these lines.
 */
export type ValueRow = { table: string; row: string; column: string; value: CellValue; tableKey: TableKey; rowKey: string; colKey: string };

export function valueRows(template: ReportTemplate, report: Report): ValueRow[] {
  return REPORT_TABLES.flatMap((key) => {
    const numeral = sectionOfTable(template, key).numeral;
    return tableCells(template, key).map((c) => ({
      table: numeral,
      row: c.rowPath.join(' / '),
      column: c.colLabel,
      value: getCell(report, c),
      tableKey: key,
      rowKey: c.row,
      colKey: c.col,
    }));
  });
}

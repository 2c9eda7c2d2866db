import type { Report } from '../report/types';
import { valueRows } from '../report/value-rows';
import type { ReportTemplate } from '../template/types';
import { toCsv } from './csv';

/** Column names of the open-data CSV: the printed labels, then the keys of nianbao's JSON. */
export const REPORT_CSV_HEADER = ['表', '行', '列', '值', 'table', 'row', 'column'] as const;

/**
 * 表二, 表三 and 表四 of one report as open data: one line per value cell, in printed order,
 * labelled as printed and keyed as in the JSON, so either file can be checked against the other.
 * Counts are numbers; amounts are the exact decimal text; a blank cell is empty.
 */
export function reportTablesCsv(template: ReportTemplate, report: Report): string {
  return toCsv([
    [...REPORT_CSV_HEADER],
    ...valueRows(template, report).map((r) => [r.table, r.row, r.column, r.value, r.tableKey, r.rowKey, r.colKey]),
  ]);
}

import { valueRows } from '../report/value-rows';
import type { Report } from '../report/types';
import type { ReportTemplate } from '../template/types';

/**
 * One value cell as a line of the summary table: the same four fields as `nianbao tables`
 * (cli/tables.ts), so a CSV of either lines up. `table` is the section numeral from the
 * template (二, 三, 四), typed as a string because a later edition may number them otherwise.
 */
export type SummaryRow = { table: string; row: string; column: string; value: string };

/** Every value cell of 表二, 表三 and 表四 in printed order; a blank prints as ''. */
export function summaryRows(template: ReportTemplate, summed: Report): SummaryRow[] {
  return valueRows(template, summed).map((r) => ({ table: r.table, row: r.row, column: r.column, value: r.value === null ? '' : String(r.value) }));
}

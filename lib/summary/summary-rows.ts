import { getCell } from '../report/cells';
import type { Report } from '../report/types';
import type { ReportTemplate } from '../template/types';
import { sectionOfTable, tableCells } from '../template/walk';
import { SUMMED_TABLES } from './sum-reports';

/**
 * One value cell as a line of the summary table: the same four fields as `nianbao tables`
 * (cli/tables.ts), so a CSV of either lines up. `table` is the section numeral from the
 * template (二, 三, 四), typed as a string because a later edition may number them otherwise.
 */
export type SummaryRow = { table: string; row: string; column: string; value: string };

/** Every value cell of 表二, 表三 and 表四 in printed order; a blank prints as ''. */
export function summaryRows(template: ReportTemplate, summed: Report): SummaryRow[] {
  return SUMMED_TABLES.flatMap((key) => {
    const numeral = sectionOfTable(template, key).numeral;
    return tableCells(template, key).map((c) => {
      const v = getCell(summed, c);
      return { table: numeral, row: c.rowPath.join(' / '), column: c.colLabel, value: v === null ? '' : String(v) };
    });
  });
}

import { getTemplate } from '../lib/template/registry';
import { valueRows } from '../lib/report/value-rows';
import type { Report } from '../lib/report/types';

/**
 * `nianbao tables`: every value cell of 表二, 表三 and 表四, one per line:
 * TABLE<TAB>ROW<TAB>COLUMN<TAB>VALUE, with the row's template labels joined by « / ».
 */
export function tablesCommand(report: Report): string {
  const lines = valueRows(getTemplate(report.edition), report).map((r) =>
    [r.table, r.row, r.column, r.value === null ? '' : String(r.value)].join('\t'),
  );
  return lines.join('\n') + '\n';
}

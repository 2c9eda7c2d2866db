import { getTemplate } from '../lib/template/registry';
import { sectionOfTable, tableCells } from '../lib/template/walk';
import { getCell } from '../lib/report/cells';
import type { Report, TableKey } from '../lib/report/types';

const TABLES: TableKey[] = ['table2', 'table3', 'table4'];

/**
 * `nianbao tables`: every value cell of 表二, 表三 and 表四, one per line:
 * TABLE<TAB>ROW<TAB>COLUMN<TAB>VALUE, with the row's template labels joined by « / ».
 */
export function tablesCommand(report: Report): string {
  const template = getTemplate(report.edition);
  const lines: string[] = [];
  for (const key of TABLES) {
    const numeral = sectionOfTable(template, key).numeral;
    for (const c of tableCells(template, key)) {
      const v = getCell(report, c);
      lines.push([numeral, c.rowPath.join(' / '), c.colLabel, v === null ? '' : String(v)].join('\t'));
    }
  }
  return lines.join('\n') + '\n';
}

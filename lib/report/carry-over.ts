import type { ReportTemplate } from '../template/types';
import { tableAxes } from '../template/walk';
import { getCell, setCell } from './cells';
import type { Report } from './types';

/**
 * Starts this year's report from last year's (DESIGN §1.5, issue 「carry last year over」):
 * 上年结转 per column from last year's 结转下年度继续办理; 现行有效件数 from last year's, for the
 * clerk to move by this year's 制发 and 废止; section 五's 「上年度问题改进情况」 prefilled with
 * last year's problems and measures, to be rewritten as what was done about them.
 */
export function carryOver(template: ReportTemplate, blank: Report, lastYear: Report): Report {
  const { carryOver: carry, stock } = template.crossYear;
  let next = blank;
  for (const col of tableAxes(template, carry.table).cols) {
    next = setCell(next, { table: carry.table, row: carry.toRow, col }, getCell(lastYear, { table: carry.table, row: carry.fromRow, col }));
  }
  for (const row of stock.rows) {
    const ref = { table: stock.table, row, col: stock.stockCol };
    next = setCell(next, ref, getCell(lastYear, ref));
  }
  const { section, part, from } = template.problemsFollowUp;
  const previous = from
    .map((p) => lastYear.text[section]?.[p] ?? '')
    .filter((t) => t.trim())
    .join('\n');
  if (previous) next = { ...next, text: { ...next.text, [section]: { ...next.text[section], [part]: previous } } };
  const { contact, contactAddress, contactPostcode, contactPhone, contactEmail } = lastYear.meta;
  return { ...next, meta: { ...next.meta, contact, contactAddress, contactPostcode, contactPhone, contactEmail } };
}

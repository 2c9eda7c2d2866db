import type { CellRef, ReportTemplate } from '../template/types';
import { tableAxes } from '../template/walk';
import { cellId, getCell, setCell } from './cells';
import type { Report } from './types';
import { MAX_CONFIRM_NOTE } from './schema';

/**
 * Starts this year's report from last year's (design §3.2, issue 「carry last year over」):
 * 上年结转 per column from last year's 结转下年度继续办理; 现行有效件数 from last year's, for the
 * clerk to move by this year's 制发 and 废止; the contact line. Section 五's 「上年度存在问题的改进
 * 情况」 starts empty: it says what was done this year, and last year's problems copied into it
 * would only be flagged as copied text. The editor shows them beside the part instead
 * (`template.problemsFollowUp`), each quotable with one click.
 */
export function carryOver(template: ReportTemplate, blank: Report, lastYear: Report): Report {
  const { carryOver: carry, stock } = template.crossYear;
  let next = blank;
  // A number last year's import doubted and nobody checked stays doubted where it is carried to.
  const doubted = lastYear.meta.toConfirm ?? {};
  const toConfirm: Record<string, string> = {};
  const copy = (from: CellRef, to: CellRef) => {
    next = setCell(next, to, getCell(lastYear, from));
    const note = doubted[cellId(from)];
    if (note !== undefined && getCell(lastYear, from) !== null) toConfirm[cellId(to)] = `取自上年报告，上年导入时存疑且未核对：${note}`.slice(0, MAX_CONFIRM_NOTE);
  };
  for (const col of tableAxes(template, carry.table).cols) copy({ table: carry.table, row: carry.fromRow, col }, { table: carry.table, row: carry.toRow, col });
  for (const row of stock.rows) {
    const ref = { table: stock.table, row, col: stock.stockCol };
    copy(ref, ref);
  }
  const { contact, contactAddress, contactPostcode, contactPhone, contactEmail } = lastYear.meta;
  const meta = { ...next.meta, contact, contactAddress, contactPostcode, contactPhone, contactEmail };
  return { ...next, meta: Object.keys(toConfirm).length ? { ...meta, toConfirm } : meta };
}

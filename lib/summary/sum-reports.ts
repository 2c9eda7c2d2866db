/**
 * The district summary (汇总): the tables 二/三/四 of many agencies' reports added cell by cell.
 *
 * Stored totals are summed like any other cell, not recomputed: an agency whose printed 总计
 * disagrees with its details then shows up as an imbalance of the sum, which is what a
 * reviewer needs to see before publishing district figures.
 */
import { HARD_RULES, runChecks, type Finding } from '../checks';
import { blankReport, getCell, setCell } from '../report';
import type { CellValue, Report, TableKey } from '../report/types';
import type { CellRef, ReportTemplate } from '../template/types';
import { tableCells, tableName } from '../template/walk';
import { formatAmount, parseAmount } from './decimal';

/** The tables a summary adds up, in printed order. */
export const SUMMED_TABLES: readonly TableKey[] = ['table2', 'table3', 'table4'];

/** A cell left blank in `missingIn` of the included reports; the summed value adds the filled ones. */
export type BlankCell = CellRef & { missingIn: number };

/** A cell holding something that is not a valid number in `count` reports (left out of the sum). */
export type UnreadableCell = CellRef & { count: number };

/** A report that was not added, and why. `index` is its position in the input. */
export type ExcludedReport = { index: number; agencyName: string; reason: 'edition' | 'year' };

export type SummaryResult = {
  /**
   * The sum as a report of the template, `meta.totals: 'asPrinted'` so the checks judge the
   * summed totals against the summed details. A cell blank in every report stays blank.
   */
  report: Report;
  /** Reports added. */
  included: number;
  excluded: ExcludedReport[];
  /** Cells blank in at least one included report, in printed order. */
  blanks: BlankCell[];
  unreadable: UnreadableCell[];
  /** Plain Chinese: how many reports were added and what the sum leaves out; always set. */
  message: string;
};

export type SummaryOptions = {
  /** Name printed for the sum, e.g. the district's; default empty. */
  agencyName?: string;
  /** The year summed; default the first report's. Reports of another year are excluded. */
  year?: number;
};

/**
 * What one cell adds up to over the included reports: how many were filled, blank or
 * unreadable, and the sum of the filled ones (counts as a number, amounts in 0.0001 万元).
 * The in-memory sum below and the database sum (lib/server/summary-sql.ts) both produce these.
 */
export type CellTotal = { filled: number; blank: number; unreadable: number; count: number; amount: bigint };

export const emptyCellTotal = (): CellTotal => ({ filled: 0, blank: 0, unreadable: 0, count: 0, amount: 0n });

/** A cell's key in a map of totals: `table.row.col`. */
export const cellKey = (c: CellRef): string => `${c.table}.${c.row}.${c.col}`;

/** A count as an integer, or null when it cannot be added exactly. */
function countValue(v: Exclude<CellValue, null>): number | null {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

export function sumReports(template: ReportTemplate, reports: Report[], options: SummaryOptions = {}): SummaryResult {
  const year = options.year ?? reports.find((r) => r.edition === template.edition)?.meta.year;
  if (year === undefined) throw new RangeError('没有可汇总的报告，请指定汇总年度');
  const excluded: ExcludedReport[] = [];
  const included: Report[] = [];
  reports.forEach((r, index) => {
    if (r.edition !== template.edition) excluded.push({ index, agencyName: r.meta.agencyName, reason: 'edition' });
    else if (r.meta.year !== year) excluded.push({ index, agencyName: r.meta.agencyName, reason: 'year' });
    else included.push(r);
  });
  const totals = new Map<string, CellTotal>();
  for (const table of SUMMED_TABLES) {
    for (const cell of tableCells(template, table)) {
      const acc = emptyCellTotal();
      for (const r of included) {
        const v = getCell(r, cell);
        if (v === null || v === '') {
          acc.blank++;
          continue;
        }
        if (cell.valueType === 'amount') {
          const units = parseAmount(v);
          if (units === null) acc.unreadable++;
          else {
            acc.amount += units;
            acc.filled++;
          }
        } else {
          const n = countValue(v);
          if (n === null) acc.unreadable++;
          else {
            acc.count += n;
            acc.filled++;
          }
        }
      }
      totals.set(cellKey(cell), acc);
    }
  }
  return { ...summaryFromTotals(template, totals, included.length, excluded, { agencyName: options.agencyName, year }), excluded };
}

/**
 * The summed report, the blank and unreadable cells and the message, from each cell's total.
 * A cell missing from `totals` counts as blank in none and filled in none (it stays blank).
 */
export function summaryFromTotals(
  template: ReportTemplate,
  totals: ReadonlyMap<string, CellTotal>,
  included: number,
  excluded: readonly Pick<ExcludedReport, 'reason'>[],
  options: { agencyName?: string; year: number },
): Omit<SummaryResult, 'excluded'> {
  const blank = blankReport(template, { agencyName: options.agencyName ?? '', year: options.year });
  let summed: Report = { ...blank, meta: { ...blank.meta, totals: 'asPrinted' } };
  const blanks: BlankCell[] = [];
  const unreadable: UnreadableCell[] = [];
  for (const table of SUMMED_TABLES) {
    for (const cell of tableCells(template, table)) {
      const acc = totals.get(cellKey(cell)) ?? emptyCellTotal();
      const ref: CellRef = { table: cell.table, row: cell.row, col: cell.col };
      if (acc.blank) blanks.push({ ...ref, missingIn: acc.blank });
      if (acc.unreadable) unreadable.push({ ...ref, count: acc.unreadable });
      const value: CellValue = acc.filled === 0 ? null : cell.valueType === 'amount' ? formatAmount(acc.amount) : acc.count;
      summed = setCell(summed, ref, value);
    }
  }
  return {
    report: summed,
    included,
    blanks,
    unreadable,
    message: summaryMessage(template, included, excluded, blanks, unreadable),
  };
}

function summaryMessage(
  template: ReportTemplate,
  included: number,
  excluded: readonly Pick<ExcludedReport, 'reason'>[],
  blanks: BlankCell[],
  unreadable: UnreadableCell[],
): string {
  const parts = [`汇总了 ${included} 份报告`];
  const byReason = (reason: ExcludedReport['reason']) => excluded.filter((e) => e.reason === reason).length;
  if (byReason('year')) parts.push(`${byReason('year')} 份报告年度不同，未计入`);
  if (byReason('edition')) parts.push(`${byReason('edition')} 份报告的格式版本不同，未计入`);
  if (blanks.length) {
    const tables = [...new Set(blanks.map((b) => tableName(template, b.table)))].join('、');
    parts.push(`${tables}有 ${blanks.length} 个单元格在部分报告中空白，合计只加了已填的数`);
  }
  if (unreadable.length) parts.push(`${unreadable.length} 个单元格在部分报告中不是有效数字，未计入合计`);
  return parts.join('；') + '。';
}

/**
 * The hard checks (R1–R6) on a summed report. Text and metadata warnings are left out: a sum
 * has no text, and saying so for every part would bury the findings that matter.
 */
export function checkSummary(template: ReportTemplate, summed: Report): Finding[] {
  const hard: readonly string[] = HARD_RULES;
  return runChecks(template, summed).filter((f) => hard.includes(f.rule));
}

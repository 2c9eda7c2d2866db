import type { CellRef, SumRule, ReportTemplate, TableKey } from '../template/types';
import { computedCells, tableAxes } from '../template/walk';
import type { CellValue, Report } from './types';

export function getCell(report: Report, ref: CellRef): CellValue {
  return report.tables[ref.table]?.[ref.row]?.[ref.col] ?? null;
}

/** Returns a new report with one cell changed (structural sharing, for React state). */
export function setCell(report: Report, ref: CellRef, value: CellValue): Report {
  const table = report.tables[ref.table];
  return {
    ...report,
    tables: {
      ...report.tables,
      [ref.table]: { ...table, [ref.row]: { ...table[ref.row], [ref.col]: value } },
    },
  };
}

export function cellId(ref: CellRef): string {
  return `${ref.table}.${ref.row}.${ref.col}`;
}

/**
 * The report with these cells no longer awaiting confirmation (`meta.toConfirm`): the user
 * changed them or said they match the original. The same report when none of them was marked.
 */
export function confirmCells(report: Report, ids: Iterable<string>): Report {
  const marked = report.meta.toConfirm;
  if (!marked) return report;
  const rest = { ...marked };
  let changed = false;
  for (const id of ids)
    if (Object.hasOwn(rest, id)) {
      delete rest[id];
      changed = true;
    }
  if (!changed) return report;
  const { toConfirm: _, ...meta } = report.meta;
  return { ...report, meta: Object.keys(rest).length ? { ...meta, toConfirm: rest } : meta };
}

/** The cell a `table.row.col` id names (as stored with a comment), or null for anything else. */
export function parseCellId(template: ReportTemplate, id: string): CellRef | null {
  const [table, row, col, ...rest] = id.split('.');
  if (rest.length || !row || !col || !Object.hasOwn(template.tables, table)) return null;
  const axes = tableAxes(template, table as TableKey);
  if (!axes.rows.includes(row) || !axes.cols.includes(col)) return null;
  return { table: table as TableKey, row, col };
}

/** A number for arithmetic, or null for a blank or unreadable cell. */
export function numericValue(v: CellValue): number | null {
  if (v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * The cells on each side of a sum rule for one position along its axis:
 * for `along: 'column'` the position is a column key, for `along: 'row'` a row key.
 */
export function ruleSides(rule: SumRule, position: string): { lhs: CellRef[]; rhs: CellRef[] } {
  const ref = (k: string): CellRef =>
    rule.along === 'column' ? { table: rule.table, row: k, col: position } : { table: rule.table, row: position, col: k };
  return { lhs: rule.lhs.map(ref), rhs: rule.rhs.map(ref) };
}

/** The positions (columns or rows) along which a rule is evaluated. */
export function rulePositions(template: ReportTemplate, rule: SumRule): string[] {
  const { rows, cols } = tableAxes(template, rule.table);
  return rule.along === 'column' ? cols : rows;
}

/** Sum of cells, with the count of blanks. Decimal-safe for amounts is not needed: sums are of counts. */
export function sumCells(report: Report, refs: CellRef[]): { sum: number; blanks: number } {
  let sum = 0;
  let blanks = 0;
  for (const r of refs) {
    const n = numericValue(getCell(report, r));
    if (n === null) blanks++;
    else sum += n;
  }
  return { sum, blanks };
}

/**
 * Recomputes every total the template computes (R2, R3, R4) from the details.
 * A total whose details are all blank stays blank; otherwise it is the sum of what is filled
 * (the blanks are reported by the completeness check, never silently turned into 0 in place).
 */
export function recomputeTotals(template: ReportTemplate, report: Report, only?: TableKey): Report {
  let next = report;
  // Two passes: a cell that is both a row total and a column total (表三 （七）总计 × 总计)
  // is computed from totals of the other axis on the second pass, so the order of rules does not matter.
  for (let pass = 0; pass < 2; pass++) {
    for (const rule of template.rules) {
      if (!rule.computes || (only && rule.table !== only)) continue;
      for (const pos of rulePositions(template, rule)) {
        const { lhs, rhs } = ruleSides(rule, pos);
        const { sum, blanks } = sumCells(next, rhs);
        const value = blanks === rhs.length ? null : sum;
        if (getCell(next, lhs[0]) !== value) next = setCell(next, lhs[0], value);
      }
    }
  }
  return next;
}

/** Totals whose stored value differs from the sum of their details. */
export function totalsMismatch(template: ReportTemplate, report: Report): CellRef[] {
  const recomputed = recomputeTotals(template, report);
  const out: CellRef[] = [];
  for (const rule of template.rules) {
    if (!rule.computes) continue;
    for (const pos of rulePositions(template, rule)) {
      const ref = ruleSides(rule, pos).lhs[0];
      if (getCell(recomputed, ref) !== getCell(report, ref)) out.push(ref);
    }
  }
  return out;
}

/**
 * 按明细重算合计: from now on the totals are computed from the details. A doubt the importer had
 * about a printed total is settled by it, so those cells no longer await confirmation.
 */
export function computeTotalsFromDetails(template: ReportTemplate, report: Report): Report {
  const next = recomputeTotals(template, { ...report, meta: { ...report.meta, totals: 'computed' } });
  const totals = (['table2', 'table3', 'table4'] as TableKey[]).flatMap((t) => [...computedCells(template, t)].map((k) => `${t}.${k}`));
  return confirmCells(next, totals);
}

import type { Report } from '../report/types';
import { cellId, getCell, numericValue, sumCells } from '../report/cells';
import { AMOUNT_PATTERN, MAX_COUNT } from '../report/limits';
import type { CheckContext, TableInfo } from './context';
import type { CellRef } from '../template/types';
import type { Finding } from './types';

/**
 * R1–R4: the template's sum rules, each evaluated at every position along its axis (表三's
 * 「本列」 means every column, not only 总计). A position with a blank cell is not judged
 * here — R6 reports the blank, and a half-typed column should not shout.
 */
export function sumRuleFindings(ctx: CheckContext, report: Report): Finding[] {
  const out: Finding[] = [];
  const computedTotals = report.meta.totals === 'computed';
  for (const { rule, position, where, lhs, rhs, derived } of ctx.rules) {
    if (derived && computedTotals) continue;
    const l = sumCells(report, lhs);
    if (l.blanks) continue;
    const r = sumCells(report, rhs);
    if (r.blanks || l.sum === r.sum) continue;
    const table = ctx.tables.find((t) => t.key === rule.table)!;
    out.push({
      id: `${rule.id}:${rule.table}:${position}`,
      rule: rule.id,
      severity: 'error',
      section: table.section,
      cells: [...lhs, ...rhs],
      lhs: { label: rule.lhsLabel, value: l.sum },
      rhs: { label: rule.rhsLabel, value: r.sum },
      difference: l.sum - r.sum,
      message: `${table.name}${where}不符合「${rule.name}」`,
    });
  }
  return out;
}

/** R5: counts are whole numbers ≥ 0; amounts (万元) are decimals ≥ 0 with at most 4 places. */
export function domainFindings(ctx: CheckContext, report: Report): Finding[] {
  const out: Finding[] = [];
  for (const t of ctx.tables) {
    for (const c of t.cells) {
      const v = getCell(report, c);
      if (v === null) continue;
      let problem: string | null = null;
      if (c.valueType === 'count') {
        const n = numericValue(v);
        if (n === null || typeof v !== 'number') problem = '须为整数';
        else if (n < 0) problem = '不能为负数';
        else if (!Number.isInteger(n)) problem = '须为整数，不能有小数';
        else if (n > MAX_COUNT) problem = `超出范围（最大 ${MAX_COUNT}）`;
      } else {
        const text = typeof v === 'number' ? String(v) : v;
        if (/^-/.test(text)) problem = '金额不能为负数';
        else if (!AMOUNT_PATTERN.test(text)) problem = '须为以万元为单位的金额，小于 10 亿万元，最多 4 位小数';
      }
      if (problem) {
        out.push({
          id: `R5:${c.table}:${c.row}:${c.col}`,
          rule: 'R5',
          severity: 'error',
          section: t.section,
          cells: [{ table: c.table, row: c.row, col: c.col }],
          message: `${ctx.cellLabel(c)}的数值「${String(v).slice(0, 20)}」${problem}`,
        });
      }
    }
  }
  return out;
}

/**
 * R6: no blank cell. One finding per table, pointing at every blank. Totals the form computes
 * are not counted (they fill themselves); an imported report's printed totals are.
 */
export function completenessFindings(ctx: CheckContext, report: Report): Finding[] {
  const out: Finding[] = [];
  const computedCount = report.meta.totals === 'computed';
  for (const t of ctx.tables) {
    const blanks = t.cells.filter((c) => !(computedCount && c.computed) && getCell(report, c) === null);
    if (!blanks.length) continue;
    out.push({
      id: `R6:${t.key}`,
      rule: 'R6',
      severity: 'error',
      section: t.section,
      cells: blanks.map((c) => ({ table: c.table, row: c.row, col: c.col })),
      message: `${t.name}有 ${blanks.length} 个单元格未填写（空白不等于 0，没有的请填 0），首个为${ctx.cellLabel(blanks[0])}`,
    });
  }
  return out;
}

/** 「表三「…」·「自然人」」, 「表三「…」这一行 7 格」 or 「表三「…」·「自然人」等 3 格」. */
function doubtSubject(ctx: CheckContext, cells: CellRef[]): string {
  const first = ctx.cellLabel(cells[0]);
  if (cells.length === 1) return first;
  if (cells.every((c) => c.row === cells[0].row)) return `${first.replace(/·「[^」]*」$/, '')}这一行 ${cells.length} 格`;
  return `${first}等 ${cells.length} 格`;
}

/**
 * IMPORT: the cells the importer was not sure of (`meta.toConfirm`), until the user changes or
 * confirms them; cells doubted for one reason (a whole row read by position) are one warning.
 * Never blocks: the value may well be right, but it must not pass unseen (issue 11: every cell
 * is either right or marked).
 */
export function importDoubtFindings(ctx: CheckContext, report: Report): Finding[] {
  const marked = report.meta.toConfirm;
  if (!marked) return [];
  const byNote = new Map<string, { table: TableInfo; cells: CellRef[] }>();
  for (const t of ctx.tables)
    for (const c of t.cells) {
      const note = marked[`${c.table}.${c.row}.${c.col}`];
      if (note === undefined) continue;
      const group = byNote.get(note) ?? byNote.set(note, { table: t, cells: [] }).get(note)!;
      group.cells.push({ table: c.table, row: c.row, col: c.col });
    }
  return [...byNote].map(([note, { table, cells }]) => ({
    id: `IMPORT:${cellId(cells[0])}`,
    rule: 'IMPORT',
    severity: 'warning' as const,
    section: table.section,
    cells,
    message: `${doubtSubject(ctx, cells)}导入时存疑：${note.replace(/[，,]\s*请[^，。]*核对[^，。]*[。]?$/, '')}。请对照原报告核对，改动数字或点「核对无误」后不再提示`,
  }));
}

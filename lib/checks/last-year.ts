import { withoutListMarker } from '../report/list-marker';
import type { CellRef } from '../template/types';
import type { Report } from '../report/types';
import { getCell, numericValue } from '../report/cells';
import { tableAxes } from '../template/walk';
import type { CheckContext } from './context';
import type { Finding } from './types';

/**
 * Year-over-year checks, run when last year's report is known. Warnings only: 现行有效件数
 * legitimately breaks when 本年制发 counts revisions (design §3.2).
 */
export function lastYearFindings(ctx: CheckContext, report: Report, lastYear: Report): Finding[] {
  const out: Finding[] = [];
  const { carryOver, stock } = ctx.template.crossYear;
  const carryTable = ctx.tables.find((t) => t.key === carryOver.table)!;
  for (const col of tableAxes(ctx.template, carryOver.table).cols) {
    const now: CellRef = { table: carryOver.table, row: carryOver.toRow, col };
    const before: CellRef = { table: carryOver.table, row: carryOver.fromRow, col };
    const a = numericValue(getCell(report, now));
    const b = numericValue(getCell(lastYear, before));
    if (a === null || b === null || a === b) continue;
    out.push({
      id: `X-YEAR-CARRY:${col}`,
      rule: 'X-YEAR-CARRY',
      severity: 'warning',
      section: carryTable.section,
      cells: [now],
      lhs: { label: `本年${ctx.cellLabel(now)}`, value: a },
      rhs: { label: `上年${ctx.cellLabel(before)}`, value: b },
      difference: a - b,
      message: `${ctx.cellLabel(now)}应等于上年度报告的「结转下年度继续办理」`,
    });
  }
  const stockTable = ctx.tables.find((t) => t.key === stock.table)!;
  for (const row of stock.rows) {
    const ref = (col: string): CellRef => ({ table: stock.table, row, col });
    const now = numericValue(getCell(report, ref(stock.stockCol)));
    const before = numericValue(getCell(lastYear, ref(stock.stockCol)));
    const add = numericValue(getCell(report, ref(stock.addCol)));
    const sub = numericValue(getCell(report, ref(stock.subtractCol)));
    if (now === null || before === null || add === null || sub === null) continue;
    const expected = before + add - sub;
    if (now === expected) continue;
    out.push({
      id: `X-YEAR-STOCK:${row}`,
      rule: 'X-YEAR-STOCK',
      severity: 'warning',
      section: stockTable.section,
      cells: [ref(stock.stockCol), ref(stock.addCol), ref(stock.subtractCol)],
      lhs: { label: '本年现行有效件数', value: now },
      rhs: { label: '上年现行有效件数 + 本年制发 − 本年废止', value: expected },
      difference: now - expected,
      message: `${ctx.cellLabel(ref(stock.stockCol))}与上年度数字推算不一致（制发含修订的，可忽略此提示）`,
    });
  }
  return out;
}

/** Paragraphs shorter than this are too generic to call copied (「无。」「本年度未收取信息处理费。」). */
const MIN_COPIED_LENGTH = 20;
/** Compared without spaces and without a list marker: 「- 1.沟通不畅…」 copied as 「沟通不畅…」 is still a copy. */
const normalise = (p: string) => withoutListMarker(p).replace(/\s+/g, '');

/**
 * COPIED: a paragraph identical to one of last year's report — reviewers and the format's
 * notice name 「内容雷同」 as a failure (design §3.2). One finding per part, naming how many.
 */
export function copiedTextFindings(ctx: CheckContext, report: Report, lastYear: Report): Finding[] {
  const previous = new Set<string>();
  for (const parts of Object.values(lastYear.text))
    for (const text of Object.values(parts))
      for (const p of text.split('\n')) if (normalise(p).length >= MIN_COPIED_LENGTH) previous.add(normalise(p));
  const out: Finding[] = [];
  for (const s of ctx.template.sections) {
    for (const part of s.parts) {
      const paragraphs = (report.text[s.key]?.[part.key] ?? '').split('\n');
      const copied = paragraphs.map((p, i) => ({ p, i })).filter(({ p }) => previous.has(normalise(p)));
      if (!copied.length) continue;
      out.push({
        id: `COPIED:${s.key}:${part.key}`,
        rule: 'COPIED',
        severity: 'warning',
        section: s.key,
        cells: [],
        part: { section: s.key, part: part.key },
        message: `${s.numeral}、${s.title}：「${part.title ?? part.label}」有 ${copied.length} 段与上年度报告完全相同（第 ${copied.map((c) => c.i + 1).join('、')} 段），请按本年度情况改写`,
      });
    }
  }
  return out;
}

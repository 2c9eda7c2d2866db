/**
 * The last steps over an imported report's findings (issue 11 §3 and §5):
 * - a consistency pass: a row of 表三 or 表四 whose printed total disagrees with its details in a
 *   way that moving one value by one or more cells would explain (a value read into the wrong
 *   column) is marked doubtful, cell by cell, instead of passing as printed. A disagreement no
 *   such shift explains is the original's own arithmetic: imported as printed, the checks show it;
 * - doubts grouped: many cells doubtful for one reason (blank cells over six columns) become one
 *   finding that lists the cells, so a person can work through them.
 */
import type { Report } from '../report/types';
import type { ReportTemplate, TableKey } from '../template/types';
import { tableCells } from '../template/walk';
import type { ImportFinding } from './types';

const decimal = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : null);

/** Details sum to the total (the last value). */
const consistent = (w: number[]) => w.slice(0, -1).reduce((a, b) => a + b, 0) === w[w.length - 1];

/** Moving one value from i to j makes the row consistent: the (i, j) found, or null. */
export function shiftExplains(values: number[]): [number, number] | null {
  if (consistent(values)) return null;
  for (let i = 0; i < values.length; i++)
    for (let j = 0; j < values.length; j++) {
      if (i === j) continue;
      const w = [...values];
      const [v] = w.splice(i, 1);
      w.splice(j, 0, v);
      if (consistent(w)) return [i, j];
    }
  return null;
}

export function consistencyPass(template: ReportTemplate, report: Report, findings: ImportFinding[]): void {
  for (const table of ['table3', 'table4'] as TableKey[]) {
    const cells = tableCells(template, table);
    const rows = [...new Set(cells.map((c) => c.row))];
    const numeral = table === 'table3' ? '三' : '四';
    for (const row of rows) {
      const rowCells = cells.filter((c) => c.row === row);
      const values = rowCells.map((c) => decimal(report.tables[table][c.row]?.[c.col]));
      if (values.some((v) => v === null)) continue;
      const shift = shiftExplains(values as number[]);
      if (!shift) continue;
      const label = rowCells[0].rowPath[rowCells[0].rowPath.length - 1];
      const [i, j] = shift;
      for (const c of rowCells)
        findings.push({
          message: `表${numeral}「${label}」的总计与明细不符（明细之和 ${(values as number[]).slice(0, -1).reduce((a, b) => a + b, 0)}，总计 ${values[values.length - 1]}），而把「${rowCells[i].colLabel}」的 ${values[i]} 移到「${rowCells[j].colLabel}」一格就相符：可能读错了列，请对照原文核对这一行`,
          certainty: 'unsure',
          cell: { table, row: c.row, col: c.col },
          kind: 'shift',
        });
    }
  }
}

/** How many cell doubts of one kind make one grouped finding. */
export const GROUP_AT = 10;

export function groupCellDoubts(findings: ImportFinding[], cellName: (f: ImportFinding) => string): ImportFinding[] {
  const byKind = new Map<string, ImportFinding[]>();
  for (const f of findings) if (f.cell && f.kind && f.certainty !== 'sure') byKind.set(`${f.kind}|${f.certainty}`, [...(byKind.get(`${f.kind}|${f.certainty}`) ?? []), f]);
  const grouped = new Set<ImportFinding>();
  const out: ImportFinding[] = [];
  for (const f of findings) {
    const group = f.cell && f.kind ? byKind.get(`${f.kind}|${f.certainty}`) : undefined;
    if (!group || group.length < GROUP_AT) {
      out.push(f);
      continue;
    }
    if (grouped.has(group[0])) continue;
    grouped.add(group[0]);
    const reason = { blank: '原文为空白，按空白导入（不是 0）', joined: '原文在格内折行，已把各段合为一个数，请核对', clipped: '原文印在页面边缘之外，数字可能不全，请核对', shift: '所在行的总计与明细不符，像是一格错位，请核对' }[f.kind!] ?? f.message;
    const from = Math.min(...group.flatMap((g) => (g.lines ? [g.lines.from] : [])));
    const to = Math.max(...group.flatMap((g) => (g.lines ? [g.lines.to] : [])));
    out.push({
      message: `${group.length} 个单元格${reason}：${group.map(cellName).join('、')}`,
      certainty: f.certainty,
      cell: f.cell,
      cells: group.map((g) => g.cell!),
      lines: Number.isFinite(from) ? { from, to } : undefined,
      kind: f.kind,
    });
  }
  return out;
}

/**
 * 表四: three groups × five measures, printed as one row of 15 values under a three-level
 * header (labels wrap: 「结果\n维持」). Some reports print one row per group instead: then the
 * values between the group labels are taken group by group.
 */
import type { TableValues } from '../report/types';
import type { GroupedRowTable } from '../template/types';
import { flattenLeaves } from '../template/walk';
import { findAnchors } from './anchors';
import { cellValue } from './cell-value';
import type { CleanLine } from './clean-lines';
import { hasGeometry, placeInColumns, valueColumns } from './geometry';
import { readRow, type RowRead } from './row-values';
import { lineRange } from './source-lines';
import { project, tokenIndexAt, tokenize, type Tok, type ValueTok } from './table-tokens';
import { clippedFinding, joinedFinding, type TableRead } from './table3';
import type { ImportFinding } from './types';

/** Lines that are prose (a note, a paragraph) rather than table cells. */
function proseLines(toks: Tok[]): Set<number> {
  const textLen = new Map<number, number>();
  for (const t of toks) if (t.kind === 'text') textLen.set(t.line, (textLen.get(t.line) ?? 0) + t.key.length);
  return new Set([...textLen].filter(([, n]) => n > 24).map(([l]) => l));
}

export function readTable4(table: GroupedRowTable, lines: CleanLine[], start: number, end: number): TableRead {
  const groups = flattenLeaves(table.groups);
  const measures = table.measures;
  const all = tokenize(lines, start, end);
  const prose = proseLines(all);
  const toks = all.filter((t) => !prose.has(t.line) || t.kind === 'text');
  const values: TableValues = {};
  const findings: ImportFinding[] = [];
  for (const g of groups) {
    values[g.key] = {};
    for (const m of measures) values[g.key][m.key] = null;
  }
  const valueToks = toks.filter((t): t is ValueTok => t.kind === 'num' || t.kind === 'blank');
  const anyValue = valueToks.some((t) => t.kind === 'num');
  const lastValueLine = valueToks.length ? Math.max(...valueToks.map((t) => t.line)) : -1;
  const result: TableRead = { values, findings, anyValue, lastValueLine, format2019: [] };
  if (!anyValue) return result;

  const put = (gi: number, slots: (ValueTok | null)[], lineIdx: number[], how: string) => {
    const g = groups[gi];
    slots.forEach((tok, i) => {
      values[g.key][measures[i].key] = cellValue(tok, table.valueType);
      const cell = { table: 'table4' as const, row: g.key, col: measures[i].key };
      if (tok?.joined) findings.push(joinedFinding('表四', g.path.join('·'), measures[i].label, tok, lineRange(lines, lineIdx), cell));
      if (tok?.clipped) findings.push(clippedFinding('表四', g.path.join('·'), measures[i].label, tok, lineRange(lines, lineIdx), cell));
      if (tok?.kind === 'num' && values[g.key][measures[i].key] === null)
        findings.push({ message: `${`表四「${g.path.join('·')}」「${measures[i].label}」`}原文印作 ${tok.raw}，超出计数的范围，未导入，请核对`, certainty: 'unsure', lines: lineRange(lines, lineIdx), cell: { table: 'table4', row: g.key, col: measures[i].key }, kind: 'outOfRange' });
      if (!tok || tok.kind === 'blank')
        findings.push({
          message: `表四「${g.path.join('·')}」「${measures[i].label}」原文为空白，按空白导入（不是 0）`,
          certainty: 'missing',
          lines: lineRange(lines, lineIdx),
          cell: { table: 'table4', row: g.key, col: measures[i].key },
          kind: 'blank',
        });
    });
    findings.push({ message: `表四「${g.path.join('·')}」${how}`, certainty: 'sure', lines: lineRange(lines, lineIdx), row: { table: 'table4', row: g.key }, kind: 'row' });
  };

  // One row per group: 5 values after each group label.
  const proj = project(toks);
  const hits = findAnchors(proj, groups.map((g) => ({ key: g.key, label: g.label })));
  if (hits.every((h) => h)) {
    const per = hits.map((h, i) => {
      const from = tokenIndexAt(proj, h!.at, toks);
      const to = i + 1 < hits.length ? tokenIndexAt(proj, hits[i + 1]!.at, toks) : toks.length;
      return toks.slice(from, to);
    });
    const reads = per.map((p) => readRow(p, measures.length));
    if (reads.every((r) => r.ok) && per.every((p) => p.some((t) => t.kind === 'num'))) {
      reads.forEach((r, i) => r.ok && put(i, r.slots, [...new Set(per[i].map((t) => t.line))], '（按组分行印刷）'));
      return result;
    }
  }

  const n = groups.length * measures.length;
  const valueLines = [...new Set(valueToks.map((t) => t.line))];
  // PDF: 15 columns from the values' positions; a number wrapped inside its narrow cell is joined.
  const columns = hasGeometry(lines, valueToks) ? valueColumns(valueToks, n) : undefined;
  const placed = columns && placeInColumns(valueToks, n, columns);
  const read: RowRead = placed && placed.ok ? { ok: true, slots: placed.slots, how: 'geometry' } : readRow(toks.filter((t) => t.kind !== 'text'), n);
  if (!read.ok) {
    findings.push({
      message: `表四：${read.reason}${read.found.length ? `（读到：${read.found.map((v) => v.raw).join(' ')}）` : ''}，表四留空，请对照原文填写`,
      certainty: 'unsure',
      lines: lineRange(lines, valueLines),
      kind: 'table4',
    });
    return result;
  }
  groups.forEach((_, gi) => put(gi, read.slots.slice(gi * measures.length, (gi + 1) * measures.length), valueLines, ''));
  return result;
}

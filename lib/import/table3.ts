/**
 * 表三: 25 rows × 7 columns. Rows are found by their labels in template order (group labels
 * included, so that values printed after a group label are seen — the 2019 format's single
 * （六）其他处理 row); each row must yield 7 values.
 */
import type { TableValues } from '../report/types';
import type { CellRef, HeaderNode, MatrixTable } from '../template/types';
import { findNode, flattenLeaves } from '../template/walk';
import type { Anchor } from './anchors';
import { cellValue } from './cell-value';
import type { CleanLine } from './clean-lines';
import { readRows } from './read-rows';
import { lineRange } from './source-lines';
import type { ValueTok } from './table-tokens';
import type { ImportFinding } from './types';

export type TableRead = { values: TableValues; findings: ImportFinding[]; anyValue: boolean; lastValueLine: number; format2019: string[] };

function anchorsOf(nodes: HeaderNode[], out: Anchor[] = []): Anchor[] {
  for (const n of nodes) {
    out.push({ key: n.children?.length ? undefined : n.key, label: n.label, variants: n.variants });
    if (n.children?.length) anchorsOf(n.children, out);
  }
  return out;
}

/** A number printed wrapped inside its cell and joined: right in every test, but said and marked. */
export function joinedFinding(table: string, row: string, col: string, tok: ValueTok, lines: ImportFinding['lines'], cell: CellRef): ImportFinding {
  return {
    message: `${table}「${row}」「${col}」原文在格内折行印作${tok.joined!.map((p) => `「${p}」`).join('')}，已合为 ${tok.raw}，请核对`,
    certainty: 'unsure',
    lines,
    cell,
    kind: 'joined',
  };
}

/** A number printed running past the page's edge: what shows may be only its first digits. */
export function clippedFinding(table: string, row: string, col: string, tok: ValueTok, lines: ImportFinding['lines'], cell: CellRef): ImportFinding {
  return {
    message: `${table}「${row}」「${col}」印在页面边缘之外（表格比页面宽），读到的 ${tok.raw} 可能缺了后几位，请核对`,
    certainty: 'unsure',
    lines,
    cell,
    kind: 'clipped',
  };
}

/** Said of a row whose numbers were fewer than its columns and were placed by their positions. */
export const POSITION_NOTE: Partial<Record<string, string>> = { position: '（这一行的数字少于列数，按位置对应到各列）' };

export function readTable3(table: MatrixTable, lines: CleanLine[], start: number, end: number): TableRead {
  const cols = flattenLeaves(table.columns);
  const anchors = anchorsOf(table.rows);
  const { rows, anyValue, lastValueLine, stray } = readRows(lines, start, end, anchors, () => cols.length, { geometry: true });
  const values: TableValues = {};
  const findings: ImportFinding[] = [];
  // A group printed as one row with no sub-items (「（六）其他处理」 as in the 2019 trial format):
  // its sub-items are all 0 when every value of the row is 0 (counts are never negative) —
  // certain, and said; otherwise the split is unknown and the sub-items are left blank.
  const inferred = new Map<string, { zero: boolean; group: string }>();
  rows.forEach((r, i) => {
    if (r.anchor.key || !r.hit) return;
    const node = findNode(table.rows, (x) => x.label === r.anchor.label);
    const leaves = node?.children ? flattenLeaves(node.children).map((l) => l.key) : [];
    const childRows = rows.slice(i + 1).filter((c) => c.anchor.key && leaves.includes(c.anchor.key));
    const nums = r.groupValues.filter((v) => v.kind === 'num');
    if (nums.length === 0 || childRows.some((c) => c.hit)) return;
    const where = lineRange(lines, r.lines);
    const zero = r.groupValues.length === cols.length && nums.length === cols.length && nums.every((v) => Number(v.raw) === 0);
    for (const c of childRows) inferred.set(c.anchor.key!, { zero, group: r.anchor.label });
    const labels = childRows.map((c) => `「${c.anchor.label}」`).join('');
    findings.push(
      zero
        ? {
            message: `表三「${r.anchor.label}」原文印为一行，没有分项（2021 年格式分为 ${childRows.length} 项）；这一行全为 0，所以各分项也都是 0，已填 0`,
            certainty: 'sure',
            lines: where,
            kind: 'inferred',
          }
        : {
            message: `表三「${r.anchor.label}」原文印为一行（${r.groupValues.map((v) => v.raw).join(' ')}），没有分项；2021 年格式的分项${labels}无法从中得出，已留空，请按原始记录填写`,
            certainty: 'missing',
            lines: where,
            kind: 'groupRow',
          },
    );
  });
  for (const r of rows) {
    const where = lineRange(lines, r.lines);
    if (!r.anchor.key) continue;
    const key = r.anchor.key;
    values[key] = {};
    for (const c of cols) values[key][c.key] = null;
    const rowRef = { table: 'table3' as const, row: key };
    const inf = inferred.get(key);
    if (inf) {
      if (inf.zero) for (const c of cols) values[key][c.key] = 0;
      continue;
    }
    if (!r.hit) {
      findings.push({ message: `表三没有找到「${r.anchor.label}」这一行，该行留空`, certainty: 'missing', row: rowRef });
      continue;
    }
    const read = r.read!;
    if (!read.ok) {
      findings.push({
        message: `表三「${r.anchor.label}」：${read.reason}${read.found.length ? `（读到：${read.found.map((v) => v.raw).join(' ')}）` : ''}，该行留空，请对照原文填写`,
        certainty: read.found.length ? 'unsure' : 'missing',
        lines: where,
        row: rowRef,
      });
      continue;
    }
    read.slots.forEach((tok, i) => {
      const col = cols[i].key;
      values[key][col] = cellValue(tok, table.valueType);
      if (tok?.joined) findings.push(joinedFinding('表三', r.anchor.label, cols[i].label, tok, where, { table: 'table3', row: key, col }));
      if (tok?.clipped) findings.push(clippedFinding('表三', r.anchor.label, cols[i].label, tok, where, { table: 'table3', row: key, col }));
      if (tok?.kind === 'num' && values[key][col] === null)
        findings.push({ message: `${`表三「${r.anchor.label}」「${cols[i].label}」`}原文印作 ${tok.raw}，超出计数的范围，未导入，请核对`, certainty: 'unsure', lines: where, cell: { table: 'table3', row: key, col }, kind: 'outOfRange' });
      if (!tok || tok.kind === 'blank')
        findings.push({
          message: `表三「${r.anchor.label}」「${cols[i].label}」原文为空白${tok ? `（「${tok.raw}」）` : ''}，按空白导入（不是 0）`,
          certainty: 'missing',
          lines: where,
          cell: { table: 'table3', row: key, col },
          kind: 'blank',
        });
    });
    findings.push({
      message: `表三「${r.anchor.label}」${r.hit.how === 'exact' ? '' : `（原文标签与格式不完全一致，按${{ variant: '已知变体', core: '含义', numbered: '序号和位置' }[r.hit.how]}认定为这一行）`}${POSITION_NOTE[read.how] ?? ''}`,
      certainty: r.hit.how === 'core' || r.hit.how === 'numbered' || read.how === 'position' ? 'unsure' : 'sure',
      lines: where,
      row: rowRef,
      kind: 'row',
    });
  }
  if (stray.length)
    findings.push({
      message: `表三有 ${stray.length} 个数字离各行标签都太远，无法确定属于哪一行，未导入（${stray.map((v) => v.raw).join(' ')}），请对照原文核对`,
      certainty: 'unsure',
      lines: lineRange(lines, stray.map((v) => v.line)),
      kind: 'stray',
    });
  return { values, findings, anyValue, lastValueLine, format2019: [] };
}

/**
 * 表三: 25 rows × 7 columns. Rows are found by their labels in template order (group labels
 * included, so that values printed after a group label are seen — the 2019 format's single
 * （六）其他处理 row); each row must yield 7 values.
 */
import type { TableValues } from '../report/types';
import type { HeaderNode, MatrixTable } from '../template/types';
import { flattenLeaves } from '../template/walk';
import type { Anchor } from './anchors';
import { cellValue } from './cell-value';
import type { CleanLine } from './clean-lines';
import { readRows } from './read-rows';
import { lineRange } from './source-lines';
import type { ImportFinding } from './types';

export type TableRead = { values: TableValues; findings: ImportFinding[]; anyValue: boolean; lastValueLine: number; format2019: string[] };

function anchorsOf(nodes: HeaderNode[], out: Anchor[] = []): Anchor[] {
  for (const n of nodes) {
    out.push({ key: n.children?.length ? undefined : n.key, label: n.label, variants: n.variants });
    if (n.children?.length) anchorsOf(n.children, out);
  }
  return out;
}

export function readTable3(table: MatrixTable, lines: CleanLine[], start: number, end: number): TableRead {
  const cols = flattenLeaves(table.columns);
  const anchors = anchorsOf(table.rows);
  const { rows, anyValue, lastValueLine } = readRows(lines, start, end, anchors, () => cols.length);
  const values: TableValues = {};
  const findings: ImportFinding[] = [];
  const format2019: string[] = [];
  for (const r of rows) {
    const where = lineRange(lines, r.lines);
    if (!r.anchor.key) {
      const nums = r.groupValues.filter((v) => v.kind === 'num');
      if (nums.length > 0) {
        format2019.push(`表三「${r.anchor.label}」只有一行数字，没有分项（2019 年试行格式）`);
        findings.push({
          message: `表三「${r.anchor.label}」后直接印有数字（${nums.map((v) => v.raw).join(' ')}），没有分项：这是 2019 年试行格式，不能对应 2021 年格式的分项，未导入`,
          certainty: 'missing',
          lines: where,
          kind: 'format2019',
        });
      }
      continue;
    }
    const key = r.anchor.key;
    values[key] = {};
    for (const c of cols) values[key][c.key] = null;
    const rowRef = { table: 'table3' as const, row: key };
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
      if (!tok || tok.kind === 'blank')
        findings.push({
          message: `表三「${r.anchor.label}」「${cols[i].label}」原文为空白${tok ? `（「${tok.raw}」）` : ''}，按空白导入（不是 0）`,
          certainty: 'missing',
          lines: where,
          cell: { table: 'table3', row: key, col },
        });
    });
    findings.push({
      message: `表三「${r.anchor.label}」${r.hit.how === 'exact' ? '' : `（原文标签与格式不完全一致，按${r.hit.how === 'variant' ? '已知变体' : '含义'}认定）`}`,
      certainty: r.hit.how === 'core' || read.how === 'position' ? 'unsure' : 'sure',
      lines: where,
      row: rowRef,
      kind: 'row',
    });
  }
  return { values, findings, anyValue, lastValueLine, format2019 };
}

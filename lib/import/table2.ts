/**
 * 表二: four blocks, six rows. Rows are found by label (规章, 行政规范性文件 or its variant
 * 规范性文件, …); block captions are anchors too, so one block's values never run into the next.
 * The 2019 trial format has other columns here (本年新制作数量…, 上一年项目数量/本年增减/处理决定数量)
 * and two more rows: it is recognised, and only its 处理决定数量 values are carried over.
 */
import type { TableValues } from '../report/types';
import type { BlocksTable } from '../template/types';
import type { Anchor } from './anchors';
import { cellValue } from './cell-value';
import type { CleanLine } from './clean-lines';
import { matchKey } from './match-key';
import { readRows } from './read-rows';
import { lineRange } from './source-lines';
import { POSITION_NOTE, type TableRead } from './table3';
import type { ImportFinding } from './types';

/** Column and row labels only the 2019 trial format has (design §1.5). */
export const TABLE2_2019_MARKERS = ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '本年增减', '采购项目数量', '政府集中采购'];
const EXTRA_2019_ROWS = ['其他对外管理服务事项', '政府集中采购', '第二十条第（九）项'];

export function readTable2(table: BlocksTable, lines: CleanLine[], start: number, end: number): TableRead {
  const regionKey = lines.slice(start, end).filter((l) => !l.isNoise).map((l) => matchKey(l.text)).join('');
  const is2019 = TABLE2_2019_MARKERS.some((m) => regionKey.includes(matchKey(m)));
  const anchors: Anchor[] = [];
  const rowInfo = new Map<Anchor, { block: BlocksTable['blocks'][number]; row: BlocksTable['blocks'][number]['rows'][number] }>();
  for (const block of table.blocks) {
    anchors.push({ label: block.caption });
    for (const row of block.rows) {
      const a: Anchor = { key: row.key, label: row.label, variants: row.variants, exactOnly: true };
      anchors.push(a);
      rowInfo.set(a, { block, row });
      if (row.key === 'licensing') anchors.push({ label: EXTRA_2019_ROWS[0] });
    }
  }
  anchors.push({ label: EXTRA_2019_ROWS[2] }, { label: EXTRA_2019_ROWS[1] });
  // 2019: (五)(六) rows print 上一年项目数量 · 本年增/减 · 处理决定数量; (八) prints two counts; (一) three.
  const columnsOf = (a: Anchor) => {
    const info = rowInfo.get(a);
    if (!info) return 0;
    if (!is2019) return info.block.columns.length;
    return info.block.columns[0].valueType === 'amount' ? 2 : 3;
  };
  const { rows, anyValue, lastValueLine } = readRows(lines, start, end, anchors, columnsOf);
  const values: TableValues = {};
  const findings: ImportFinding[] = [];
  const format2019: string[] = [];
  for (const r of rows) {
    const info = rowInfo.get(r.anchor);
    if (!info) continue;
    const { block, row } = info;
    values[row.key] = {};
    for (const c of block.columns) values[row.key][c.key] = null;
    const where = lineRange(lines, r.lines);
    const rowRef = { table: 'table2' as const, row: row.key };
    if (!r.hit) {
      findings.push({ message: `表二没有找到「${row.label}」这一行，该行留空`, certainty: 'missing', row: rowRef });
      continue;
    }
    const read = r.read!;
    if (!read.ok) {
      findings.push({
        message: `表二「${row.label}」：${read.reason}${read.found.length ? `（读到：${read.found.map((v) => v.raw).join(' ')}）` : ''}，该行留空`,
        certainty: read.found.length ? 'unsure' : 'missing',
        lines: where,
        row: rowRef,
      });
      continue;
    }
    if (is2019) {
      if (block.columns.length === 1 && block.columns[0].valueType === 'count') {
        values[row.key][block.columns[0].key] = cellValue(read.slots[2], 'count');
        format2019.push(`表二「${row.label}」的「处理决定数量」对应「${block.columns[0].label}」，已导入`);
      } else {
        format2019.push(`表二「${row.label}」的列（${block.key === 'art20item8' ? '上一年项目数量、本年增/减' : '本年新制作数量、本年新公开数量、对外公开总数量'}）与 2021 年格式不同，未导入`);
        findings.push({ message: `表二「${row.label}」是 2019 年试行格式的列，不能对应，留空`, certainty: 'missing', lines: where, row: rowRef, kind: 'format2019' });
      }
      continue;
    }
    read.slots.forEach((tok, i) => {
      const col = block.columns[i];
      values[row.key][col.key] = cellValue(tok, col.valueType);
      if (tok?.kind === 'num' && values[row.key][col.key] === null)
        findings.push({ message: `${`表二「${row.label}」「${col.label}」`}原文印作 ${tok.raw}，超出计数的范围，未导入，请核对`, certainty: 'unsure', lines: where, cell: { table: 'table2', row: row.key, col: col.key }, kind: 'outOfRange' });
      if (!tok || tok.kind === 'blank')
        findings.push({
          message: `表二「${row.label}」「${col.label}」原文为空白，按空白导入（不是 0）`,
          certainty: 'missing',
          lines: where,
          cell: { table: 'table2', row: row.key, col: col.key },
          kind: 'blank',
        });
    });
    findings.push({
      message: `表二「${row.label}」${r.hit.how === 'exact' ? '' : `（原文印作变体标签，按已知变体认定）`}${POSITION_NOTE[read.how] ?? ''}`,
      certainty: read.how === 'position' ? 'unsure' : 'sure',
      lines: where,
      row: rowRef,
      kind: 'row',
    });
  }
  if (is2019) {
    for (const r of rows)
      if (!rowInfo.get(r.anchor) && r.anchor.label !== EXTRA_2019_ROWS[2] && r.hit)
        format2019.push(`表二「${r.anchor.label}」在 2021 年格式中已取消，未导入`);
    format2019.unshift('表二的列是 2019 年试行格式（本年新制作数量…）');
  }
  return { values, findings, anyValue, lastValueLine, format2019 };
}

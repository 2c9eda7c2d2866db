import type { CellRef, ReportTemplate, ValueType } from '../template/types';
import { flattenLeaves, tableCells } from '../template/walk';
import { isComputed, positionOf, type GridLayout } from './layout';

/** One value of a pasted block and the cell it goes to. */
export type PasteTarget = { ref: CellRef; raw: string; rowIndex: number; colIndex: number; valueType: ValueType };

/**
 * What a paste will do, before it is done: the cells it fills, and in Chinese what was filled,
 * what was left out and why — so a block that does not fit the table is never partly dropped
 * without a word (a 24 × 6 block pasted at 「自然人」 used to fill 138 of its 144 values).
 */
export type PastePlan = {
  targets: PasteTarget[];
  /** 「已粘贴 144 个值：24 行（…至…）× 6 列（…至…）」 */
  summary: string;
  /** What was left out or skipped, and why; empty when the block fit exactly. */
  notes: string[];
  /** The block carries row labels (its first column, as copied from the Word template or a sheet). */
  labelled: boolean;
};

const NUMBERISH = /^[-－+]?[\s\d０-９,，.．。]*$/;

/** A pasted text that stands for a value (or a blank), not a label. */
function isValueText(raw: string): boolean {
  return NUMBERISH.test(raw.trim());
}

/** A label as compared: no spaces, brackets and quotes unified, full-width digits as ASCII. */
function norm(label: string): string {
  return label
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .replace(/[(]/g, '（')
    .replace(/[)]/g, '）')
    .replace(/["“”'‘’「」]/g, '')
    .replace(/[.．、]/g, '.')
    .replace(/[:：;；。]+$/, '');
}

/** The label without its number: 「1.属于国家秘密」 → 「属于国家秘密」, 「（七）总计」 → 「总计」. */
function bare(label: string): string {
  return norm(label).replace(/^(?:[一二三四五六七八九十]+\.|（[一二三四五六七八九十]+）|\d+\.)/, '');
}

const ellipsis = (s: string, n = 14) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Names for positions of the layout: a row's label and a cell's column label. */
function labelsOf(template: ReportTemplate, layout: GridLayout) {
  const byCell = new Map(tableCells(template, layout.table).map((c) => [`${c.row}.${c.col}`, c] as const));
  const rowName = (r: number) => {
    const first = layout.cells[r].find((c) => c !== null);
    if (!first) return `第 ${r + 1} 行`;
    return layout.cells.length === 1 ? '' : (byCell.get(`${first.row}.${first.col}`)?.rowPath.at(-1) ?? first.row);
  };
  const colName = (ref: CellRef) => {
    const info = byCell.get(`${ref.row}.${ref.col}`);
    if (!info) return ref.col;
    return layout.cells.length === 1 ? `${info.rowPath.at(-1)}·${info.colLabel}` : info.colLabel;
  };
  return { rowName, colName };
}

/** Whether every cell of a layout row is a computed total (表三's 「（七）总计」). */
function totalRow(layout: GridLayout, r: number): boolean {
  const row = layout.cells[r];
  return row.length > 0 && row.every((c) => c === null || isComputed(layout, c));
}

function totalCol(layout: GridLayout, c: number, rows: number[]): boolean {
  return rows.every((r) => {
    const cell = layout.cells[r]?.[c];
    return !cell || isComputed(layout, cell);
  });
}

/** 「「A」至「B」」, or 「「A」」 for one. */
function span(names: string[]): string {
  const list = names.filter(Boolean);
  if (list.length === 0) return '';
  if (list.length === 1) return `「${ellipsis(list[0])}」`;
  return `「${ellipsis(list[0])}」至「${ellipsis(list[list.length - 1])}」`;
}

function describe(template: ReportTemplate, layout: GridLayout, targets: PasteTarget[]): string {
  const { rowName, colName } = labelsOf(template, layout);
  if (targets.length === 0) return '没有粘贴任何值';
  const rows = [...new Set(targets.map((t) => positionOf(layout, t.ref)!.r))].sort((a, b) => a - b);
  const cols = new Map<number, string>();
  for (const t of targets) {
    const p = positionOf(layout, t.ref)!;
    if (!cols.has(p.c)) cols.set(p.c, colName(t.ref));
  }
  const colNames = [...cols.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
  const rowPart = layout.cells.length === 1 ? '' : `${rows.length} 行（${span(rows.map(rowName))}）× `;
  return `已粘贴 ${targets.length} 个值：${rowPart}${colNames.length} 列（${span(colNames)}）`;
}

function firstColumnIsLabels(block: string[][]): boolean {
  const firsts = block.map((l) => (l[0] ?? '').trim()).filter((s) => s !== '');
  const labels = firsts.filter((s) => !isValueText(s));
  return labels.length > 0 && labels.length * 2 >= firsts.length && block.some((l) => l.slice(1).some((v) => v.trim() !== '' && isValueText(v)));
}

/**
 * Where a block pasted at `from` goes, by position. A block with exactly as many rows as the
 * editable rows from here (the total row left out, as a clerk copies only what they type) skips
 * the computed total row instead of dropping its last row onto it; likewise for columns. Values
 * beyond the table, and values that fall on a computed total, are named in the notes.
 */
export function planPaste(template: ReportTemplate, layout: GridLayout, from: CellRef, block: string[][]): PastePlan {
  const pos = positionOf(layout, from);
  const labelled = firstColumnIsLabels(block);
  const { rowName, colName } = labelsOf(template, layout);
  if (!pos) return { targets: [], summary: '没有粘贴任何值', notes: [], labelled };
  const notes: string[] = [];
  const rowsFrom = layout.cells.map((_, r) => r).filter((r) => r >= pos.r);
  const editableRows = rowsFrom.filter((r) => !totalRow(layout, r));
  const height = block.length;
  let rowMap: number[];
  if (height !== rowsFrom.length && height === editableRows.length && editableRows.length < rowsFrom.length) {
    rowMap = editableRows;
    // Said only where it changed where the rows went: a total row between the rows filled.
    const skipped = rowsFrom.filter((r) => totalRow(layout, r) && r < rowMap[rowMap.length - 1]);
    if (skipped.length) notes.push(`剪贴板有 ${height} 行，与本表从此处起需填写的行数相同：跳过自动计算的${skipped.map((r) => `「${rowName(r)}」`).join('')}行`);
  } else rowMap = block.map((_, i) => pos.r + i);

  const width = Math.max(...block.map((l) => l.length));
  const rowCols = (r: number) => (layout.cells[r] ?? []).map((_, c) => c).filter((c) => c >= pos.c);
  const colsFrom = rowCols(pos.r);
  const editableCols = colsFrom.filter((c) => !totalCol(layout, c, rowMap.filter((r) => r < layout.cells.length)));
  let colMap: number[];
  if (width !== colsFrom.length && width === editableCols.length && editableCols.length < colsFrom.length) {
    colMap = editableCols;
    const skipped = colsFrom.filter((c) => !editableCols.includes(c) && c < colMap[colMap.length - 1]);
    const ref = layout.cells[pos.r][skipped[0]];
    if (ref) notes.push(`剪贴板有 ${width} 列，与本表从此处起需填写的列数相同：跳过自动计算的「${colName(ref)}」列`);
  } else colMap = Array.from({ length: width }, (_, j) => pos.c + j);

  const targets: PasteTarget[] = [];
  const onTotal: string[] = [];
  let extraRows = 0;
  let extraCols = 0;
  block.forEach((line, i) => {
    const r = rowMap[i];
    const row = r === undefined ? undefined : layout.cells[r];
    if (!row) {
      if (line.some((v) => v.trim() !== '')) extraRows++;
      return;
    }
    line.forEach((raw, j) => {
      const c = colMap[j];
      const cell = c === undefined ? undefined : row[c];
      if (!cell) {
        if (raw.trim() !== '') extraCols++;
        return;
      }
      if (isComputed(layout, cell)) {
        if (raw.trim() !== '') onTotal.push(`${rowName(r)}·${colName(cell)}`.replace(/^·/, ''));
        return;
      }
      targets.push({ ref: cell, raw, rowIndex: i, colIndex: j, valueType: layout.valueTypes.get(`${cell.row}.${cell.col}`) ?? 'count' });
    });
  });
  if (extraRows)
    notes.push(`剪贴板有 ${height} 行，本表从此处起只有 ${rowsFrom.length} 行：最后 ${extraRows} 行超出表格，未粘贴`);
  if (extraCols) notes.push(`有 ${extraCols} 个值超出表格右侧（剪贴板每行 ${width} 个值），未粘贴`);
  if (onTotal.length)
    notes.push(`${onTotal.length} 个值落在自动计算的合计上（${ellipsis(onTotal.slice(0, 3).join('、'), 40)}${onTotal.length > 3 ? ' 等' : ''}），未粘贴，合计按明细重算`);
  const filledRows = new Set(targets.map((t) => positionOf(layout, t.ref)!.r));
  if (layout.cells.length > 1 && height < editableRows.length && !labelled) {
    const rest = editableRows.filter((r) => !filledRows.has(r) && r > Math.max(...filledRows));
    if (rest.length) notes.push(`剪贴板只有 ${height} 行：其下 ${rest.length} 行（${span(rest.map(rowName))}）未改动`);
  }
  return { targets, summary: describe(template, layout, targets), notes, labelled };
}

/** The rows of a table that a label in a pasted block can name, with the cells of each row. */
function labelIndex(template: ReportTemplate, layout: GridLayout) {
  const table = template.tables[layout.table];
  const rows: { key: string; names: string[] }[] = [];
  if (table.kind === 'matrix') {
    const leaves = (nodes: typeof table.rows): void =>
      nodes.forEach((n) => (n.children?.length ? leaves(n.children) : rows.push({ key: n.key!, names: [n.label, ...(n.variants ?? [])] })));
    leaves(table.rows);
  } else if (table.kind === 'blocks') {
    for (const b of table.blocks) for (const r of b.rows) rows.push({ key: r.key, names: [r.label, ...(r.variants ?? [])] });
  } else {
    for (const g of flattenLeaves(table.groups)) rows.push({ key: g.key, names: [g.label] });
  }
  return rows;
}

/**
 * The same block matched by its labels: each line's last label (its first cells, as the Word
 * template or a sheet with labels in the first column gives them) names the table row its values
 * go to, whatever cell the paste started from; lines without values (headers, captions) are
 * passed over. Values go to the row's cells from its first column; a row that also carries its
 * total (one value more than the cells to fill) has the total skipped.
 */
export function planLabelPaste(template: ReportTemplate, layout: GridLayout, block: string[][]): PastePlan {
  const index = labelIndex(template, layout);
  const exact = new Map<string, string[]>();
  const loose = new Map<string, string[]>();
  for (const r of index)
    for (const n of r.names) {
      exact.set(norm(n), [...new Set([...(exact.get(norm(n)) ?? []), r.key])]);
      loose.set(bare(n), [...new Set([...(loose.get(bare(n)) ?? []), r.key])]);
    }
  const { rowName } = labelsOf(template, layout);
  const targets: PasteTarget[] = [];
  const notes: string[] = [];
  const unknown: string[] = [];
  const onTotal: string[] = [];
  const seen = new Set<string>();
  let headers = 0;
  block.forEach((line, i) => {
    let last = -1;
    line.forEach((v, j) => {
      if (v.trim() !== '' && !isValueText(v)) last = j;
    });
    const values = line.slice(last + 1);
    const labelAt = last;
    if (last < 0 || !values.some((v) => v.trim() !== '')) {
      headers++;
      return;
    }
    const label = line[labelAt].trim();
    const key = [exact.get(norm(label)), loose.get(bare(label))].find((k) => k?.length === 1)?.[0];
    if (!key) {
      unknown.push(ellipsis(label));
      return;
    }
    seen.add(key);
    const r = layout.cells.findIndex((row) => row.some((c) => c?.row === key));
    const rowCells = (layout.cells[r] ?? []).filter((c): c is CellRef => c !== null && c.row === key);
    const editable = rowCells.filter((c) => !isComputed(layout, c));
    if (editable.length === 0) {
      onTotal.push(ellipsis(label));
      return;
    }
    // Merged label cells (the Word template's group labels) leave empty cells before the values.
    while (values.length > rowCells.length && values[0].trim() === '') {
      values.shift();
      last++;
    }
    const cols = values.length === editable.length ? editable : rowCells;
    values.forEach((raw, j) => {
      const cell = cols[j];
      if (!cell || isComputed(layout, cell)) return;
      targets.push({ ref: cell, raw, rowIndex: i, colIndex: last + 1 + j, valueType: layout.valueTypes.get(`${cell.row}.${cell.col}`) ?? 'count' });
    });
    if (values.length > cols.length) notes.push(`「${ellipsis(label)}」行有 ${values.length} 个值，本表这一行只有 ${cols.length} 格：多出的 ${values.length - cols.length} 个未粘贴`);
  });
  if (onTotal.length) notes.push(`${onTotal.map((l) => `「${l}」`).join('')}是自动计算的合计，未粘贴，按明细重算`);
  if (unknown.length) notes.push(`${unknown.length} 行的标签不是本表的行，未粘贴：${unknown.slice(0, 3).map((l) => `「${l}」`).join('')}${unknown.length > 3 ? ' 等' : ''}`);
  if (headers) notes.push(`${headers} 行没有数字（表头或标题），已略过`);
  const missing = index.filter((r) => !seen.has(r.key) && layout.cells.some((row) => row.some((c) => c?.row === r.key && !isComputed(layout, c))));
  if (missing.length && targets.length) notes.push(`本表另有 ${missing.length} 行不在剪贴板中，未改动：${missing.slice(0, 3).map((r) => `「${ellipsis(rowName(layout.cells.findIndex((row) => row.some((c) => c?.row === r.key))) || r.names[0])}」`).join('')}${missing.length > 3 ? ' 等' : ''}`);
  return { targets, summary: describe(template, layout, targets).replace('已粘贴', '已按标签粘贴'), notes, labelled: true };
}

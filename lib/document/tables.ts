/**
 * The three statutory tables as grids of merged cells, laid out from the template's header
 * trees with the walkers of `lib/template/walk.ts`. No label is written here.
 */
import type { CellValue, Report } from '../report/types';
import type { BlocksTable, GroupedRowTable, HeaderNode, MatrixTable, ReportTemplate, TableKey } from '../template/types';
import { flattenLeaves, headerLevels, leafCount, rowHeaderByLeaf, treeDepth } from '../template/walk';
import { CELL_PAD_X_PT, CELL_PAD_Y_PT, FONT_SIZE_PT, TABLE_LINE_PT, TABLE_RULE_PT } from './page-layout';
import { emWidth, headerWords } from './header-words';
import type { DocCell, DocTable, DocTableRow } from './types';

export type CellTextOptions = {
  /** What a blank (null) cell prints as. */
  blankCell: string;
};

/** How a value prints: counts as plain integers (no grouping, like the published reports), amounts exactly as typed. */
export function cellText(value: CellValue, opts: CellTextOptions): string {
  if (value === null || value === '') return opts.blankCell;
  return typeof value === 'number' ? String(value) : value.trim();
}

/**
 * Column widths in points of the 156 mm (442 pt) text block, then normalised to fractions.
 * They follow the printed reports (design §4.3): 表三's first label column is one character wide
 * so 三、本年度办理结果 reads vertically; each value column is as narrow as its header's longest
 * word and a 5-digit count allow (商业/企业 wraps in two, 自然人 stays whole, 30011 fits on a line
 * with a point to spare, in the PDF and in the DOCX as LibreOffice or Word lay it out).
 */
const TEXT_BLOCK_PT = 442;
const MATRIX_LABEL_PT: Record<number, number[]> = { 1: [1], 2: [70, 1], 3: [24, 62, 1] };
/** The widest count a value column must hold on one line: 5 digits of ½ em (a city's 30011). */
const COUNT_EM = 2.5;
/** Padding both sides, a rule, and slack for wider figures (Noto's digits are 0.52 em) and rounding. */
const CELL_EXTRA_PT = 2 * CELL_PAD_X_PT + TABLE_RULE_PT + 1.5;

/** The narrowest value column under a header with these words, at `sizePt`. */
export function valueColumnPt(words: string[], sizePt: number): number {
  const widest = Math.max(COUNT_EM, ...words.map(emWidth));
  return widest * sizePt + CELL_EXTRA_PT;
}

function normalise(widths: number[]): number[] {
  const total = widths.reduce((s, w) => s + w, 0);
  return widths.map((w) => w / total);
}

/** Turns placed cells into rows; `groupOf(row)` is the keep-together group of each row. */
function toRows(cells: DocCell[], rowCount: number, groupOf: (row: number) => number): DocTableRow[] {
  const rows: DocTableRow[] = Array.from({ length: rowCount }, (_, r) => ({ cells: [], group: groupOf(r) }));
  for (const c of cells) rows[c.row].cells.push(c);
  for (const r of rows) r.cells.sort((a, b) => a.col - b.col);
  return rows;
}

function valueCell(
  report: Report,
  table: TableKey,
  rowKey: string,
  colKey: string,
  at: { row: number; col: number; colSpan?: number },
  opts: CellTextOptions,
): DocCell {
  const value = report.tables[table]?.[rowKey]?.[colKey] ?? null;
  return {
    text: cellText(value, opts),
    row: at.row,
    col: at.col,
    rowSpan: 1,
    colSpan: at.colSpan ?? 1,
    role: 'value',
    align: 'center',
    ref: { table, row: rowKey, col: colKey },
    ...(value === null || value === '' ? { isBlank: true } : {}),
  };
}

/** 表二: each block is a caption line, a header line and its rows; a block never splits. */
export function blocksTable(t: BlocksTable, report: Report, opts: CellTextOptions): Omit<DocTable, 'caption'> {
  const cells: DocCell[] = [];
  const groups: number[] = [];
  const width = 1 + t.valueColumns;
  let row = 0;
  t.blocks.forEach((block, blockIndex) => {
    // A block with fewer columns than the table stretches its last column (本年处理决定数量 spans 3).
    const spans = block.columns.map((_, i) =>
      i === block.columns.length - 1 ? t.valueColumns - i * Math.floor(t.valueColumns / block.columns.length) : Math.floor(t.valueColumns / block.columns.length),
    );
    const starts = spans.map((_, i) => 1 + spans.slice(0, i).reduce((s, x) => s + x, 0));
    cells.push({ text: block.caption, row, col: 0, rowSpan: 1, colSpan: width, role: 'caption', align: 'center' });
    groups[row++] = blockIndex;
    cells.push({ text: t.rowHeadLabel, row, col: 0, rowSpan: 1, colSpan: 1, role: 'colHeader', align: 'center', words: headerWords(t.rowHeadLabel) });
    block.columns.forEach((c, i) =>
      cells.push({ text: c.label, row, col: starts[i], rowSpan: 1, colSpan: spans[i], role: 'colHeader', align: 'center', words: headerWords(c.label) }),
    );
    groups[row++] = blockIndex;
    for (const r of block.rows) {
      cells.push({ text: r.label, row, col: 0, rowSpan: 1, colSpan: 1, role: 'rowHeader', align: 'center' });
      block.columns.forEach((c, i) =>
        cells.push(valueCell(report, t.key, r.key, c.key, { row, col: starts[i], colSpan: spans[i] }, opts)),
      );
      groups[row++] = blockIndex;
    }
  });
  return {
    key: t.key,
    columnWidths: normalise([1.2, ...Array.from({ length: t.valueColumns }, () => 1)]),
    headerRows: 0,
    rows: toRows(cells, row, (r) => groups[r]),
    keepTogether: false,
  };
}

/**
 * Places header cells level by level, each at the first column not already taken by a cell
 * stretching down from a level above (how a printed merged header reads).
 */
function placeHeader(levels: ReturnType<typeof headerLevels>, rowOffset: number, colOffset: number): DocCell[] {
  const taken = new Set<string>();
  const out: DocCell[] = [];
  levels.forEach((level, l) => {
    let col = 0;
    for (const h of level) {
      while (taken.has(`${l}.${col}`)) col++;
      out.push({
        text: h.label,
        row: rowOffset + l,
        col: colOffset + col,
        rowSpan: h.depthSpan,
        colSpan: h.span,
        role: 'colHeader',
        align: 'center',
        words: headerWords(h.label),
      });
      for (let dr = 0; dr < h.depthSpan; dr++) for (let dc = 0; dc < h.span; dc++) taken.add(`${l + dr}.${col + dc}`);
      col += h.span;
    }
  });
  return out;
}

/**
 * Keep-together groups of a row tree: the leaves of an innermost group (（三）不予公开 1–8) stay
 * together; a group that contains groups (三、本年度办理结果) may break between them.
 */
function rowGroups(nodes: HeaderNode[]): number[] {
  const out: number[] = [];
  let next = 0;
  const visit = (n: HeaderNode) => {
    const kids = n.children ?? [];
    if (kids.length === 0) out.push(next++);
    else if (kids.every((k) => !k.children?.length)) {
      for (let i = 0; i < leafCount(n); i++) out.push(next);
      next++;
    } else kids.forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}

/** Lines a text needs in a column `widthPt` wide (at least; CJK is exactly 1 em, so never fewer). */
function linesIn(text: string, widthPt: number, sizePt: number): number {
  const perLine = Math.max(1, Math.floor((widthPt - 2 * CELL_PAD_X_PT - TABLE_RULE_PT) / sizePt));
  return Math.max(1, Math.ceil(emWidth(text) / perLine));
}

/**
 * A merged label that spans several row groups (表三 三、本年度办理结果) is printed at the top of
 * every page the groups reach, so a group must be at least as tall as the label: groups inside it
 * are merged until each is. Row heights are estimated from below (a row is never shorter than its
 * longest label), the label's from above, so the label always fits.
 */
function mergeGroupsForLabels(cells: DocCell[], groups: number[], widthsPt: number[], sizePt: number): number[] {
  const out = [...groups];
  const widthOf = (c: DocCell) => widthsPt.slice(c.col, c.col + c.colSpan).reduce((s, w) => s + w, 0);
  const rowHeight = (r: number) =>
    Math.max(...cells.filter((c) => c.row === r && c.rowSpan === 1).map((c) => linesIn(c.text, widthOf(c), sizePt))) * TABLE_LINE_PT +
    2 * CELL_PAD_Y_PT +
    TABLE_RULE_PT;
  for (const label of cells) {
    const end = label.row + label.rowSpan;
    if (label.role !== 'rowHeader' || label.rowSpan < 2 || groups[label.row] === groups[end - 1]) continue;
    const need = Array.from(label.text).length * TABLE_LINE_PT + 2 * CELL_PAD_Y_PT + TABLE_RULE_PT;
    // Units of consecutive groups, each closed once tall enough; a short last unit joins the one before.
    const units: { rows: number[]; height: number }[] = [];
    for (let r = label.row; r < end; r++) {
      const unit = units[units.length - 1];
      const startsGroup = r === label.row || groups[r] !== groups[r - 1];
      if (!unit || (startsGroup && unit.height >= need)) units.push({ rows: [r], height: rowHeight(r) });
      else {
        unit.rows.push(r);
        unit.height += rowHeight(r);
      }
    }
    const lastUnit = units[units.length - 1];
    if (units.length > 1 && lastUnit.height < need) units[units.length - 2].rows.push(...units.pop()!.rows);
    for (const u of units) for (const r of u.rows) out[r] = groups[u.rows[0]];
  }
  return out;
}

/** 表三: corner note, column header tree, row header tree, 25 × 7 values. */
export function matrixTable(t: MatrixTable, report: Report, opts: CellTextOptions): Omit<DocTable, 'caption'> {
  const colLevels = headerLevels(t.columns);
  const headerRows = colLevels.length;
  const labelCols = treeDepth(t.rows);
  const colLeaves = flattenLeaves(t.columns);
  const cells: DocCell[] = [
    { text: t.cornerNote, row: 0, col: 0, rowSpan: headerRows, colSpan: labelCols, role: 'corner', align: 'center' },
    ...placeHeader(colLevels, 0, labelCols),
  ];
  const body = rowHeaderByLeaf(t.rows);
  body.forEach(({ leaf, cells: heads }, i) => {
    const row = headerRows + i;
    for (const h of heads) {
      const isGroup = h.span > 1;
      cells.push({
        text: h.label,
        row,
        col: h.level,
        rowSpan: h.span,
        colSpan: h.depthSpan,
        role: 'rowHeader',
        align: isGroup ? 'center' : 'left',
      });
    }
    colLeaves.forEach((c, j) => cells.push(valueCell(report, t.key, leaf.key, c.key, { row, col: labelCols + j }, opts)));
  });
  const groups = rowGroups(t.rows);
  const labelPt = MATRIX_LABEL_PT[labelCols] ?? Array.from({ length: labelCols }, () => 1);
  const valuePts = colLeaves.map((c) => valueColumnPt(headerWords(c.label), FONT_SIZE_PT.table));
  const valuePt = valuePts.reduce((s, w) => s + w, 0);
  const fixedLabel = labelPt.slice(0, -1).reduce((s, w) => s + w, 0);
  const widths = [...labelPt.slice(0, -1), TEXT_BLOCK_PT - valuePt - fixedLabel, ...valuePts];
  const columnWidths = normalise(widths);
  // Header rows are group 0; body groups follow.
  const rowGroup = Array.from({ length: headerRows + body.length }, (_, r) => (r < headerRows ? 0 : 1 + groups[r - headerRows]));
  const kept = mergeGroupsForLabels(cells, rowGroup, columnWidths.map((f) => f * TEXT_BLOCK_PT), FONT_SIZE_PT.table);
  return {
    key: t.key,
    columnWidths,
    headerRows,
    rows: toRows(cells, headerRows + body.length, (r) => kept[r]),
    keepTogether: false,
  };
}

/**
 * 表四: the group tree on top, the measures under each leaf group (stretched down to the last
 * header line), one line of values.
 */
export function groupedRowTable(t: GroupedRowTable, report: Report, opts: CellTextOptions): Omit<DocTable, 'caption'> {
  const depth = treeDepth(t.groups) + 1;
  const m = t.measures.length;
  const cells: DocCell[] = [];
  let col = 0;
  const leaves: string[] = [];
  const visit = (n: HeaderNode, level: number) => {
    const span = leafCount(n) * m;
    cells.push({ text: n.label, row: level, col, rowSpan: 1, colSpan: span, role: 'colHeader', align: 'center', words: headerWords(n.label) });
    if (n.children?.length) {
      n.children.forEach((c) => visit(c, level + 1));
      return;
    }
    leaves.push(n.key!);
    t.measures.forEach((measure, i) =>
      cells.push({
        text: measure.label,
        row: level + 1,
        col: col + i,
        rowSpan: depth - level - 1,
        colSpan: 1,
        role: 'colHeader',
        align: 'center',
        words: headerWords(measure.label),
      }),
    );
    col += m;
  };
  t.groups.forEach((g) => visit(g, 0));
  leaves.forEach((g, gi) =>
    t.measures.forEach((measure, i) => cells.push(valueCell(report, t.key, g, measure.key, { row: depth, col: gi * m + i }, opts))),
  );
  // Fifteen equal columns of 29.5 pt: at 五号 a 5-digit count would not fit, at 小五 it does.
  return {
    key: t.key,
    columnWidths: normalise(Array.from({ length: leaves.length * m }, () => 1)),
    headerRows: depth,
    rows: toRows(cells, depth + 1, () => 0),
    keepTogether: true,
    small: true,
  };
}

export function buildTable(template: ReportTemplate, key: TableKey, report: Report, opts: CellTextOptions): Omit<DocTable, 'caption'> {
  const t = template.tables[key];
  switch (t.kind) {
    case 'blocks':
      return blocksTable(t, report, opts);
    case 'matrix':
      return matrixTable(t, report, opts);
    case 'groupedRow':
      return groupedRowTable(t, report, opts);
  }
}

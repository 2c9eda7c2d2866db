/**
 * react-pdf has no table element: a table with merged cells is drawn as nested flex boxes.
 * This file turns a DocTable's grid of spans into
 *   - bands: runs of rows that stay on one page (the header, each row group), and
 *   - per band, a guillotine split into rows and columns of boxes down to single cells.
 * A merged cell that spans several row groups (表三 三、本年度办理结果, 22 rows) is cut into one
 * segment per group, so each group can move to the next page alone. No segment prints the
 * label: the renderer prints it once at the top of every page the cell spans (`spanningLabels`,
 * report-pdf.tsx), so a page never shows the merged cell empty. Each segment draws its bottom
 * rule, so that a page break after it leaves a closed grid; the next segment, when it follows on
 * the same page, paints that rule over, so on one page the segments read as one merged cell.
 */
import type { DocCell, DocTable } from '../../document/types';

export type SegCell = DocCell & {
  /** A segment of a merged cell that continues from the band above: it hides the rule between them. */
  continuesUp?: boolean;
};

export type Box =
  | { kind: 'cell'; cell: SegCell; width: number }
  | { kind: 'row'; children: Box[]; width: number }
  | { kind: 'stack'; children: Box[]; width: number };

export type Band = { rows: [number, number]; isHeader: boolean; box: Box };

function spanWidth(widths: number[], col: number, span: number): number {
  let w = 0;
  for (let i = col; i < col + span; i++) w += widths[i];
  return w;
}

/** Cuts cells that span several groups into one segment per group. */
export function segmentCells(table: DocTable): SegCell[] {
  const out: SegCell[] = [];
  for (const row of table.rows) {
    for (const cell of row.cells) {
      const groups: { group: number; start: number; end: number }[] = [];
      for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
        const g = table.rows[r].group;
        const last = groups[groups.length - 1];
        if (last && last.group === g) last.end = r + 1;
        else groups.push({ group: g, start: r, end: r + 1 });
      }
      if (groups.length === 1) {
        out.push(cell);
        continue;
      }
      groups.forEach((g, i) =>
        out.push({
          ...cell,
          text: '',
          row: g.start,
          rowSpan: g.end - g.start,
          ...(i > 0 ? { continuesUp: true } : {}),
        }),
      );
    }
  }
  return out;
}

/** A merged cell that spans several row groups: its label, its rows [start, end) and its columns. */
export type SpanningLabel = { cell: DocCell; rows: [number, number]; left: number; width: number };

/** The merged cells that `segmentCells` cuts, with where they sit (`widthPt`: the table width). */
export function spanningLabels(table: DocTable, widthPt: number): SpanningLabel[] {
  const widths = table.columnWidths.map((f) => f * widthPt);
  const out: SpanningLabel[] = [];
  for (const row of table.rows)
    for (const cell of row.cells) {
      const last = table.rows[cell.row + cell.rowSpan - 1];
      if (table.keepTogether || cell.rowSpan < 2 || last.group === row.group) continue;
      out.push({ cell, rows: [cell.row, cell.row + cell.rowSpan], left: spanWidth(widths, 0, cell.col), width: spanWidth(widths, cell.col, cell.colSpan) });
    }
  return out;
}

/** Guillotine decomposition of the cells inside rows [r0, r1) × cols [c0, c1). */
function decompose(cells: SegCell[], widths: number[], r0: number, r1: number, c0: number, c1: number): Box {
  const inside = cells.filter((c) => c.row >= r0 && c.row < r1 && c.col >= c0 && c.col < c1);
  const width = spanWidth(widths, c0, c1 - c0);
  if (inside.length === 1) return { kind: 'cell', cell: inside[0], width };
  const rowCuts: number[] = [];
  for (let r = r0 + 1; r < r1; r++) if (!inside.some((c) => c.row < r && c.row + c.rowSpan > r)) rowCuts.push(r);
  if (rowCuts.length) {
    const edges = [r0, ...rowCuts, r1];
    return {
      kind: 'stack',
      width,
      children: edges.slice(1).map((end, i) => decompose(inside, widths, edges[i], end, c0, c1)),
    };
  }
  // Cut vertically only beside cells that run the full height of the region (a merged label
  // such as （三）不予公开): what remains then splits into rows again, so the cells of one row
  // share their height. Cutting at every free column would stack each column on its own and
  // rows of different columns would drift apart.
  const full = inside.filter((c) => c.row === r0 && c.rowSpan === r1 - r0);
  const edges = new Set<number>();
  for (const c of full) {
    if (c.col > c0) edges.add(c.col);
    if (c.col + c.colSpan < c1) edges.add(c.col + c.colSpan);
  }
  let colCuts = [...edges].sort((a, b) => a - b);
  if (colCuts.length === 0)
    for (let c = c0 + 1; c < c1; c++) if (!inside.some((x) => x.col < c && x.col + x.colSpan > c)) colCuts.push(c);
  colCuts = colCuts.filter((c) => !inside.some((x) => x.col < c && x.col + x.colSpan > c));
  if (colCuts.length) {
    const edges = [c0, ...colCuts, c1];
    return {
      kind: 'row',
      width,
      children: edges.slice(1).map((end, i) => decompose(inside, widths, r0, r1, edges[i], end)),
    };
  }
  throw new Error(`table cells at rows ${r0}–${r1}, columns ${c0}–${c1} cannot be drawn as nested boxes`);
}

/**
 * Bands of a table: the header rows, then one band per row group (or the whole table when it
 * must stay on one page). `widthPt` is the table width in points.
 */
export function tableBands(table: DocTable, widthPt: number): Band[] {
  const widths = table.columnWidths.map((f) => f * widthPt);
  const cols = widths.length;
  const cells = segmentCells(table);
  const bands: Band[] = [];
  const n = table.rows.length;
  if (table.keepTogether) {
    return [{ rows: [0, n], isHeader: false, box: decompose(cells, widths, 0, n, 0, cols) }];
  }
  let start = 0;
  if (table.headerRows > 0) {
    bands.push({ rows: [0, table.headerRows], isHeader: true, box: decompose(cells, widths, 0, table.headerRows, 0, cols) });
    start = table.headerRows;
  }
  while (start < n) {
    let end = start + 1;
    while (end < n && table.rows[end].group === table.rows[start].group) end++;
    bands.push({ rows: [start, end], isHeader: false, box: decompose(cells, widths, start, end, 0, cols) });
    start = end;
  }
  return bands;
}

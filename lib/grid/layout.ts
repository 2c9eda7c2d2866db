import type { CellRef, ReportTemplate, TableKey, ValueType } from '../template/types';
import { computedCells, flattenLeaves, tableAxes, tableCells } from '../template/walk';

/**
 * The value cells of a table as they sit on the printed page, as a grid of positions, for
 * keyboard movement and block paste. 表二's single-value blocks use the first column only.
 */
export type GridLayout = {
  table: TableKey;
  cells: (CellRef | null)[][];
  computed: Set<string>;
  /** `row.col` → how the cell's input is parsed. */
  valueTypes: Map<string, ValueType>;
};

export function gridLayout(template: ReportTemplate, key: TableKey): GridLayout {
  const table = template.tables[key];
  const computed = computedCells(template, key);
  let cells: (CellRef | null)[][];
  switch (table.kind) {
    case 'blocks':
      cells = table.blocks.flatMap((b) => b.rows.map((r) => b.columns.map((c) => ({ table: key, row: r.key, col: c.key }))));
      break;
    case 'matrix': {
      const { rows, cols } = tableAxes(template, key);
      cells = rows.map((row) => cols.map((col) => ({ table: key, row, col })));
      break;
    }
    case 'groupedRow': {
      const groups = flattenLeaves(table.groups);
      cells = [groups.flatMap((g) => table.measures.map((m) => ({ table: key, row: g.key, col: m.key })))];
      break;
    }
  }
  const valueTypes = new Map(tableCells(template, key).map((c) => [`${c.row}.${c.col}`, c.valueType] as const));
  return { table: key, cells, computed, valueTypes };
}

export function isComputed(layout: GridLayout, ref: CellRef): boolean {
  return layout.computed.has(`${ref.row}.${ref.col}`);
}

export function positionOf(layout: GridLayout, ref: CellRef): { r: number; c: number } | null {
  for (let r = 0; r < layout.cells.length; r++) {
    const c = layout.cells[r].findIndex((x) => x !== null && x.row === ref.row && x.col === ref.col);
    if (c >= 0) return { r, c };
  }
  return null;
}

/** The next editable cell from a position in a direction, skipping computed totals. */
export function moveFrom(
  layout: GridLayout,
  from: CellRef,
  dir: 'up' | 'down' | 'left' | 'right',
): CellRef | null {
  const pos = positionOf(layout, from);
  if (!pos) return null;
  let { r, c } = pos;
  for (;;) {
    if (dir === 'up') r--;
    else if (dir === 'down') r++;
    else if (dir === 'left') c--;
    else c++;
    if (r < 0 || r >= layout.cells.length) return null;
    const row = layout.cells[r];
    if (c < 0) return null;
    if (c >= row.length) {
      if (dir === 'right') return null;
      c = row.length - 1; // moving up/down into a shorter row (表二 blocks): land on its last cell
    }
    const cell = row[c];
    if (cell && !isComputed(layout, cell)) return cell;
  }
}

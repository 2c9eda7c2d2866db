import type { CellRef, HeaderNode, ReportTemplate, SectionTemplate, TableKey, TableTemplate, ValueType } from './types';

/** Depth-first search of a header forest. Throws when absent: templates are static data. */
export function findNode(nodes: HeaderNode[], pred: (n: HeaderNode) => boolean): HeaderNode {
  for (const n of nodes) {
    if (pred(n)) return n;
    if (n.children) {
      try {
        return findNode(n.children, pred);
      } catch {
        /* not under this node */
      }
    }
  }
  throw new Error('template node not found');
}

/** Keys of the data leaves of a header forest, in printed order. */
export function leafKeys(nodes: HeaderNode[]): string[] {
  return flattenLeaves(nodes).map((l) => l.key);
}

export type FlatLeaf = { key: string; label: string; path: string[]; help?: string };

/** Data leaves with the labels from the outermost group down to the leaf. */
export function flattenLeaves(nodes: HeaderNode[], parents: string[] = []): FlatLeaf[] {
  const out: FlatLeaf[] = [];
  for (const n of nodes) {
    const path = [...parents, n.label];
    if (n.children && n.children.length) out.push(...flattenLeaves(n.children, path));
    else if (n.key) out.push({ key: n.key, label: n.label, path, help: n.help });
  }
  return out;
}

/** Depth of a header forest (a leaf alone is depth 1). */
export function treeDepth(nodes: HeaderNode[]): number {
  return Math.max(0, ...nodes.map((n) => 1 + (n.children ? treeDepth(n.children) : 0)));
}

export function leafCount(n: HeaderNode): number {
  return n.children && n.children.length ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1;
}

/**
 * One spanning cell of a header laid out as a grid. For a column header, `span` runs across
 * and `depthSpan` down; for a row header the other way round.
 */
export type HeaderCell = { label: string; key?: string; help?: string; span: number; depthSpan: number; level: number };

/** A header node as the cell it prints as, at `level` of a header `depth` levels deep. */
function headerCell(n: HeaderNode, level: number, depth: number): HeaderCell {
  const isLeaf = !n.children || n.children.length === 0;
  return { label: n.label, key: n.key, help: n.help, span: leafCount(n), depthSpan: isLeaf ? depth - level : 1, level };
}

/**
 * Lays a header forest out in levels (lines of the header). A leaf at a shallower level than
 * the deepest one stretches down to the last level — exactly how the printed tables merge cells.
 */
export function headerLevels(nodes: HeaderNode[]): HeaderCell[][] {
  const depth = treeDepth(nodes);
  const levels: HeaderCell[][] = Array.from({ length: depth }, () => []);
  const visit = (n: HeaderNode, level: number) => {
    const isLeaf = !n.children || n.children.length === 0;
    levels[level].push(headerCell(n, level, depth));
    if (!isLeaf) n.children!.forEach((c) => visit(c, level + 1));
  };
  nodes.forEach((n) => visit(n, 0));
  return levels;
}

/**
 * Row header laid out per data row: for each leaf row, the header cells that start on it
 * (a merged group cell starts on its first leaf). Used by every renderer of 表三.
 */
export function rowHeaderByLeaf(nodes: HeaderNode[]): { leaf: FlatLeaf; cells: HeaderCell[] }[] {
  const depth = treeDepth(nodes);
  const out: { leaf: FlatLeaf; cells: HeaderCell[] }[] = [];
  let pending: HeaderCell[] = [];
  const visit = (n: HeaderNode, level: number, parents: string[]) => {
    const isLeaf = !n.children || n.children.length === 0;
    pending.push(headerCell(n, level, depth));
    if (isLeaf) {
      out.push({ leaf: { key: n.key!, label: n.label, path: [...parents, n.label], help: n.help }, cells: pending });
      pending = [];
    } else n.children!.forEach((c) => visit(c, level + 1, [...parents, n.label]));
  };
  nodes.forEach((n) => visit(n, 0, []));
  return out;
}

/** Every value cell of a table, in printed order, with its row path and column label. */
export type CellInfo = CellRef & { rowPath: string[]; colLabel: string; valueType: ValueType; computed: boolean };

export function tableCells(template: ReportTemplate, key: TableKey): CellInfo[] {
  const table = template.tables[key] as TableTemplate;
  const computed = computedCells(template, key);
  const isComputed = (row: string, col: string) => computed.has(`${row}.${col}`);
  switch (table.kind) {
    case 'blocks':
      return table.blocks.flatMap((b) =>
        b.rows.flatMap((r) =>
          b.columns.map((c) => ({
            table: key,
            row: r.key,
            col: c.key,
            rowPath: [b.caption, r.label],
            colLabel: c.label,
            valueType: c.valueType,
            computed: isComputed(r.key, c.key),
          })),
        ),
      );
    case 'matrix': {
      const cols = flattenLeaves(table.columns);
      return flattenLeaves(table.rows).flatMap((r) =>
        cols.map((c) => ({
          table: key,
          row: r.key,
          col: c.key,
          rowPath: r.path,
          colLabel: c.label,
          valueType: table.valueType,
          computed: isComputed(r.key, c.key),
        })),
      );
    }
    case 'groupedRow':
      return flattenLeaves(table.groups).flatMap((g) =>
        table.measures.map((m) => ({
          table: key,
          row: g.key,
          col: m.key,
          rowPath: g.path,
          colLabel: m.label,
          valueType: table.valueType,
          computed: isComputed(g.key, m.key),
        })),
      );
  }
}

/** Row keys and column keys of a table's data grid. */
export function tableAxes(template: ReportTemplate, key: TableKey): { rows: string[]; cols: string[] } {
  const table = template.tables[key] as TableTemplate;
  switch (table.kind) {
    case 'blocks':
      return {
        rows: table.blocks.flatMap((b) => b.rows.map((r) => r.key)),
        cols: [...new Set(table.blocks.flatMap((b) => b.columns.map((c) => c.key)))],
      };
    case 'matrix':
      return { rows: leafKeys(table.rows), cols: leafKeys(table.columns) };
    case 'groupedRow':
      return { rows: leafKeys(table.groups), cols: table.measures.map((m) => m.key) };
  }
}

/** Cells that the form computes (totals), as `row.col` strings. */
export function computedCells(template: ReportTemplate, key: TableKey): Set<string> {
  const out = new Set<string>();
  const table = template.tables[key] as TableTemplate;
  if (table.kind === 'blocks') return out;
  const { rows, cols } = tableAxes(template, key);
  for (const rule of template.rules) {
    if (rule.table !== key || !rule.computes) continue;
    const total = rule.lhs[0];
    if (rule.along === 'column') cols.forEach((c) => out.add(`${total}.${c}`));
    else rows.forEach((r) => out.add(`${r}.${total}`));
  }
  return out;
}

/** The printed heading of a section, e.g. 一、总体情况. */
export function sectionHeading(s: { numeral: string; title: string }): string {
  return `${s.numeral}、${s.title}`;
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** （一）, （二）… for level-2 headings. */
export function partNumber(index: number): string {
  return `（${CHINESE_NUMERALS[index] ?? String(index + 1)}）`;
}

/** The section that holds a table (二 for table2 …). */
export function sectionOfTable(template: ReportTemplate, key: TableKey): SectionTemplate {
  const s = template.sections.find((x) => x.table === key);
  if (!s) throw new Error(`template has no section for ${key}`);
  return s;
}

/** How the text and the CLI name a table: 表 + its section's numeral (表三), or the bare numeral. */
export function tableName(template: ReportTemplate, key: TableKey): string {
  return `表${sectionOfTable(template, key).numeral}`;
}

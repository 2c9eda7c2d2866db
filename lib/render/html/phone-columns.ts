/**
 * How a table reads on a phone, for the publication page (./table.ts) and the live preview
 * (components/preview/report-preview.tsx) alike: it keeps its columns and scrolls sideways in its
 * own box, its row-label columns sticky at the left so each row stays named. Columns are the
 * PDF's proportions in ems of the table's type, the labels capped so values keep room, the
 * values wide enough for 4 digits.
 */
import type { DocTable } from '../../document/types';

/** Width of the 156 mm text block in table ems (10.5 pt): how the PDF's fractions become ems. */
const TEXT_BLOCK_EM = 42;
const NARROW = { minEm: 1.6, labelMaxEm: 7.5, valueMaxEm: 4.5 };

export type PhoneColumns = {
  /** Each column's width in em. */
  widths: number[];
  /** Columns that hold row labels (left of the first value): sticky. */
  labels: number;
  /** The left offset in em of each label column. */
  lefts: number[];
  /** The table's width in em. */
  total: number;
};

/** Columns that hold row labels (left of the first value), kept in view while the table scrolls. */
function labelColumns(table: DocTable): number {
  let first = Infinity;
  for (const r of table.rows) for (const c of r.cells) if (c.role === 'value') first = Math.min(first, c.col);
  return Number.isFinite(first) ? first : 0;
}

export function phoneColumns(table: DocTable): PhoneColumns {
  const labels = labelColumns(table);
  const widths = table.columnWidths.map((w, i) => Math.min(Math.max(w * TEXT_BLOCK_EM, NARROW.minEm), i < labels ? NARROW.labelMaxEm : NARROW.valueMaxEm));
  const lefts: number[] = [];
  let left = 0;
  for (let i = 0; i < labels; i++) {
    lefts.push(left);
    left += widths[i];
  }
  return { widths, labels, lefts, total: widths.reduce((s, w) => s + w, 0) };
}

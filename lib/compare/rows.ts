/**
 * A comparison as the compare page lists it: every value cell of 表二/三/四 with both values
 * (the changed ones marked, blank ↔ 0 apart), and the text parts — the changed ones with their
 * diff, and year over year also the unchanged ones (copied paragraphs are what a reviewer looks
 * for there).
 */
import { cellId, getCell } from '../report/cells';
import type { CellValue, Report } from '../report/types';
import type { ReportTemplate } from '../template/types';
import { sectionHeading, tableCells, tableName } from '../template/walk';
import { isBlankVsZero } from './compare-reports';
import type { DiffSegment } from './text-diff';
import type { ReportDiff } from './types';

export type CellRow = {
  id: string;
  tableName: string;
  /** The row's labels from the outermost group down, joined by 「 / 」. */
  row: string;
  column: string;
  before: CellValue;
  after: CellValue;
  /** A change by the comparison's rules (1.50 and 1.5 are the same amount). */
  changed: boolean;
  /** Only blank ↔ 0. */
  blankVsZero: boolean;
};

export type TextRow = { key: string; heading: string; segments: DiffSegment[]; identical: boolean };

type Compared = { before: Report; after: Report; diff: ReportDiff };

/** Every value cell of the three tables, in printed order. */
export function comparedCellRows(template: ReportTemplate, c: Compared): CellRow[] {
  const changedIds = new Set(c.diff.cells.map((x) => cellId(x)));
  return (['table2', 'table3', 'table4'] as const).flatMap((t) =>
    tableCells(template, t).map((ref) => {
      const before = getCell(c.before, ref);
      const after = getCell(c.after, ref);
      return {
        id: cellId(ref),
        tableName: tableName(template, t),
        row: ref.rowPath.join(' / '),
        column: ref.colLabel,
        before,
        after,
        changed: changedIds.has(cellId(ref)),
        blankVsZero: isBlankVsZero(before, after),
      };
    }),
  );
}

/**
 * The text parts in printed order: each changed one with its diff; with `unchanged` (year over
 * year) also each part left as it was, when it has text, as one equal run.
 */
export function comparedTextRows(template: ReportTemplate, c: Compared, unchanged: boolean): TextRow[] {
  const rows: TextRow[] = [];
  for (const s of template.sections) {
    for (const p of s.parts) {
      const changed = c.diff.texts.find((t) => t.section === s.key && t.part === p.key);
      const heading = `${sectionHeading(s)} · ${p.title ?? p.label}`;
      const text = c.after.text[s.key]?.[p.key] ?? '';
      if (changed) rows.push({ key: `${s.key}.${p.key}`, heading, segments: changed.segments, identical: false });
      else if (unchanged && text.trim()) rows.push({ key: `${s.key}.${p.key}`, heading, segments: [{ kind: 'equal', text }], identical: true });
    }
  }
  return rows;
}

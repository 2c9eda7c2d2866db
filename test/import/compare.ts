/** Helpers for the importer's tests: cell-by-cell and part-by-part differences, labelled. */
import type { Report, TableKey } from '../../lib/report/types';
import { tableCells } from '../../lib/template/walk';
import { template2021 } from '../../templates/2021';

export const TABLES: TableKey[] = ['table2', 'table3', 'table4'];

/** `table.row.col: got → want` for every value cell that differs. */
export function cellDiffs(got: Report, want: Report): string[] {
  const out: string[] = [];
  for (const t of TABLES)
    for (const c of tableCells(template2021, t)) {
      const a = got.tables[t][c.row][c.col];
      const b = want.tables[t][c.row][c.col];
      if (a !== b) out.push(`${t}.${c.row}.${c.col}: ${JSON.stringify(a)} → want ${JSON.stringify(b)}`);
    }
  return out;
}

const compact = (s: string) => s.replace(/\s+/g, '');

/** Parts whose text differs; `exact` compares paragraphs too, else modulo whitespace. */
export function textDiffs(got: Report, want: Report, exact = false): string[] {
  const out: string[] = [];
  for (const s of template2021.sections)
    for (const p of s.parts) {
      const a = got.text[s.key][p.key];
      const b = want.text[s.key][p.key];
      if (exact ? a !== b : compact(a) !== compact(b)) out.push(`${s.key}.${p.key}: «${a.slice(0, 60)}» → want «${b.slice(0, 60)}»`);
    }
  return out;
}

/** Each section's text, all parts joined, modulo whitespace: where the text landed. */
export function sectionText(r: Report): Record<string, string> {
  return Object.fromEntries(template2021.sections.map((s) => [s.key, compact(Object.values(r.text[s.key]).join(''))]));
}

/**
 * Step 4c: the values of one table row, given the tokens between its label and the next label.
 * How sure the importer can be depends on what the source tells about columns:
 * - a value count equal to the column count: in order, sure;
 * - known cells (tabs, DOCX): empty cells are blank cells, trimmed of the label columns' empties;
 * - PDF positions: each value goes to the nearest column centre learned from complete rows;
 * - otherwise (plain text with a value missing): every cell of the row stays blank, unsure.
 */
import type { Tok, ValueTok } from './table-tokens';

export type Slot = { tok: ValueTok | null };
export type RowRead =
  | { ok: true; slots: (ValueTok | null)[]; how: 'count' | 'cells' | 'position' | 'geometry' }
  | { ok: false; found: ValueTok[]; reason: string };

/** Value and empty tokens of a row; an empty cell counts only on a line that also holds a value. */
export function rowValueTokens(toks: Tok[]): (ValueTok | { kind: 'empty'; line: number })[] {
  const lines = new Set(toks.filter((t) => t.kind === 'num' || t.kind === 'blank').map((t) => t.line));
  return toks.filter((t) => t.kind === 'num' || t.kind === 'blank' || (t.kind === 'empty' && lines.has(t.line))) as (
    | ValueTok
    | { kind: 'empty'; line: number }
  )[];
}

export function readRow(toks: Tok[], n: number, centres?: number[]): RowRead {
  const slots = rowValueTokens(toks);
  const values = slots.filter((s): s is ValueTok => s.kind !== 'empty');
  if (values.length === n) return { ok: true, slots: values, how: 'count' };
  if (slots.some((s) => s.kind === 'empty')) {
    const trimmed = [...slots];
    while (trimmed.length > n && trimmed[trimmed.length - 1].kind === 'empty') trimmed.pop();
    while (trimmed.length > n && trimmed[0].kind === 'empty') trimmed.shift();
    if (trimmed.length === n) return { ok: true, slots: trimmed.map((s) => (s.kind === 'empty' ? null : s)), how: 'cells' };
  }
  if (centres && centres.length === n && values.length > 0 && values.length < n && values.every((v) => v.x !== undefined)) {
    const out: (ValueTok | null)[] = Array(n).fill(null);
    let last = -1;
    for (const v of values) {
      let best = -1;
      let dist = Infinity;
      centres.forEach((c, i) => {
        const d = Math.abs(c - v.x!);
        if (d < dist) [best, dist] = [i, d];
      });
      const spacing = n > 1 ? Math.abs(centres[n - 1] - centres[0]) / (n - 1) : Infinity;
      if (best <= last || out[best] || dist > spacing / 2) return { ok: false, found: values, reason: '数字与列对不齐' };
      out[best] = v;
      last = best;
    }
    return { ok: true, slots: out, how: 'position' };
  }
  if (values.length === 0) return { ok: false, found: [], reason: '这一行没有读到数字' };
  return {
    ok: false,
    found: values,
    reason: values.length < n ? `只读到 ${values.length} 个数（应有 ${n} 个），无法确定空格在哪一列` : `读到 ${values.length} 个数（应有 ${n} 个）`,
  };
}

/** Column centres (PDF) from the rows that were read complete: the median x of each column. */
export function columnCentres(rows: (ValueTok | null)[][], n: number): number[] | undefined {
  const full = rows.filter((r) => r.length === n && r.every((v) => v && v.x !== undefined));
  if (full.length === 0) return undefined;
  return Array.from({ length: n }, (_, i) => {
    const xs = full.map((r) => r[i]!.x!).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)];
  });
}

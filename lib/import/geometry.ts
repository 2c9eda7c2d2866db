/**
 * Tables of a PDF read by geometry, not by line order (issue 11 §1). Reading order puts a
 * row's numbers wherever the producer drew them: after a two-line label, between its lines,
 * or — when a number wraps inside a narrow cell (LibreOffice prints 31081 as 「3108」 over
 * 「1」, vertically centred) — half of it above the label's line. So:
 * - rows come from the row labels' boxes: each value goes to the row whose label band (the
 *   baselines its label's lines span, on the same page) is nearest, never by where it falls
 *   in the text;
 * - columns come from the values' horizontal positions: the table's n columns are the n
 *   clusters of value positions split at the n − 1 widest gaps, accepted only when those gaps
 *   are clearly wider than any gap inside a cluster. Positions are the values' centres, left
 *   edges or right edges, whichever the columns line up on best: a web page or a Word table
 *   aligns values left by default, and in a narrow column the centre of 「7」 and of 「12724」
 *   are almost a column apart;
 * - several pieces of one row in one column are one number wrapped inside its cell: joined top
 *   to bottom and marked (`joined`), never read as two numbers.
 */
import type { CleanLine } from './clean-lines';
import type { Tok, ValueTok } from './table-tokens';

export type Band = { page: number; top: number; bottom: number; size: number };

/** The vertical extent of a label printed on `lineIdx` (line indices), or null without geometry. */
export function bandOf(lines: CleanLine[], lineIdx: number[]): Band | null {
  const ls = lineIdx.map((i) => lines[i]).filter((l) => l.y !== undefined && l.page !== undefined);
  if (ls.length === 0) return null;
  // A label wrapped over a page break: its first page's part holds the row.
  const page = ls[0].page!;
  const on = ls.filter((l) => l.page === page);
  return { page, top: Math.min(...on.map((l) => l.y!)), bottom: Math.max(...on.map((l) => l.y!)), size: Math.max(...on.map((l) => l.size ?? 10)) };
}

export function hasGeometry(lines: CleanLine[], toks: Tok[]): boolean {
  const values = toks.filter((t) => t.kind === 'num' || t.kind === 'blank') as ValueTok[];
  return values.length > 0 && values.every((t) => lines[t.line].y !== undefined && t.x !== undefined);
}

/**
 * For each value token, the index of the band it belongs to (-1: none near enough). A value
 * inside a band belongs to it; otherwise the nearest band on its page within two lines.
 */
export function assignToBands(lines: CleanLine[], values: ValueTok[], bands: (Band | null)[]): number[] {
  return values.map((v) => {
    const l = lines[v.line];
    let best = -1;
    let dist = Infinity;
    bands.forEach((b, i) => {
      if (!b || b.page !== l.page) return;
      const slack = 0.3 * b.size;
      const d = l.y! < b.top - slack ? b.top - l.y! : l.y! > b.bottom + slack ? l.y! - b.bottom : 0;
      if (d < dist) [best, dist] = [i, d];
    });
    return dist <= 2.2 * (l.size ?? 10) ? best : -1;
  });
}

/**
 * Column boundaries for `n` columns from positions of values, and how clear the split is (the
 * narrowest gap between columns over the widest inside one); undefined when the positions do
 * not fall clearly into n groups (a column blank in every row, a ragged layout).
 */
function columnSplit(xs: number[], n: number): { bounds: number[]; clarity: number } | undefined {
  const u = [...new Set(xs.map((x) => Math.round(x * 10) / 10))].sort((a, b) => a - b);
  if (n === 1) return { bounds: [], clarity: Infinity };
  if (u.length < n) return undefined;
  const gaps = u.slice(1).map((x, i) => ({ at: (x + u[i]) / 2, size: x - u[i] }));
  const bySize = [...gaps].sort((a, b) => b.size - a.size);
  const chosen = bySize.slice(0, n - 1);
  const rest = bySize[n - 1]?.size ?? 0;
  const narrowest = chosen[chosen.length - 1].size;
  if (narrowest < Math.max(2 * rest, 4)) return undefined;
  return { bounds: chosen.map((g) => g.at).sort((a, b) => a - b), clarity: narrowest / Math.max(rest, 0.5) };
}

/** Where a value sits for telling columns apart. */
export type ColumnEdge = 'centre' | 'left' | 'right';
export type Columns = { bounds: number[]; edge: ColumnEdge };

export const valueAt = (v: ValueTok, edge: ColumnEdge): number => (edge === 'left' ? (v.x0 ?? v.x!) : edge === 'right' ? (v.x1 ?? v.x!) : v.x!);

/**
 * Columns for `n` values a row from the values' positions, on the edge the columns line up on
 * best (the clearest split); undefined when none splits clearly.
 */
export function valueColumns(values: ValueTok[], n: number): Columns | undefined {
  let best: (Columns & { clarity: number }) | undefined;
  for (const edge of ['centre', 'left', 'right'] as const) {
    const split = columnSplit(values.map((v) => valueAt(v, edge)), n);
    if (split && (!best || split.clarity > best.clarity)) best = { ...split, edge };
  }
  return best && { bounds: best.bounds, edge: best.edge };
}

export const columnOf = (x: number, bounds: number[]) => bounds.filter((b) => x > b).length;

/**
 * One row's values placed in `n` columns by `bounds`. Pieces sharing a column are joined top
 * to bottom when they are all digits (a wrapped number); anything else in one column is a
 * failure the caller reports.
 */
export function placeInColumns(values: ValueTok[], n: number, { bounds, edge }: Columns): { ok: true; slots: (ValueTok | null)[] } | { ok: false; reason: string } {
  const cols: ValueTok[][] = Array.from({ length: n }, () => []);
  for (const v of values) cols[columnOf(valueAt(v, edge), bounds)].push(v);
  const slots: (ValueTok | null)[] = [];
  for (const c of cols) {
    if (c.length === 0) slots.push(null);
    else if (c.length === 1) slots.push(c[0]);
    else {
      const pieces = [...c].sort((a, b) => a.line - b.line);
      const digits = pieces.every((p) => p.kind === 'num' && /^\d+$/.test(p.raw)) && pieces[0].raw !== '0';
      if (!digits || new Set(pieces.map((p) => p.line)).size !== pieces.length)
        return { ok: false, reason: `一格内读到多个值（${pieces.map((p) => p.raw).join('、')}）` };
      const clipped = pieces.some((p) => p.clipped) ? { clipped: true } : {};
      slots.push({ kind: 'num', raw: pieces.map((p) => p.raw).join(''), line: pieces[0].line, x: pieces[0].x, joined: pieces.map((p) => p.raw), ...clipped });
    }
  }
  return { ok: true, slots };
}

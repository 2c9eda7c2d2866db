/**
 * Step 4 for tables with labelled rows (表二, 表三): tokens → anchors → values per row, with the
 * lines each row came from. Pure: the table modules decide what the rows mean.
 */
import type { CleanLine } from './clean-lines';
import { findAnchors, type Anchor, type AnchorHit } from './anchors';
import { columnCentres, readRow, type RowRead } from './row-values';
import { project, tokenIndexAt, tokenize, type Tok, type ValueTok } from './table-tokens';

export type RowResult = {
  anchor: Anchor;
  hit: AnchorHit | null;
  /** Line indices the row's label and values came from. */
  lines: number[];
  read: RowRead | null;
  /** Values found after a group label (a row the template splits into sub-rows). */
  groupValues: ValueTok[];
};

export type RowsRead = { rows: RowResult[]; anyValue: boolean; lastValueLine: number; toks: Tok[] };

/** Lines a wrapped row may span below its label's first line (label wrap + wrapped values). */
const ROW_LINE_SPAN = 8;

export function readRows(lines: CleanLine[], start: number, end: number, anchors: Anchor[], columnsOf: (a: Anchor) => number): RowsRead {
  const toks = tokenize(lines, start, end);
  const proj = project(toks);
  const hits = findAnchors(proj, anchors);
  const ranges: { from: number; to: number }[] = hits.map((h, i) => {
    if (!h) return { from: 0, to: 0 };
    const from = tokenIndexAt(proj, h.at, toks);
    const next = hits.slice(i + 1).find((x) => x);
    let to = next ? tokenIndexAt(proj, next.at, toks) : toks.length;
    const maxLine = toks[from]?.line + ROW_LINE_SPAN;
    while (to > from && toks[to - 1].line > maxLine) to--;
    return { from, to };
  });
  const first: (RowRead | null)[] = anchors.map((a, i) =>
    a.key && hits[i] ? readRow(toks.slice(ranges[i].from, ranges[i].to), columnsOf(a)) : null,
  );
  // PDF: learn column centres from complete rows of the same width, then place the others.
  const centresFor = new Map<number, number[] | undefined>();
  const centres = (n: number) => {
    if (!centresFor.has(n)) {
      const full = first.filter((r, i): r is Extract<RowRead, { ok: true }> => !!r && r.ok && columnsOf(anchors[i]) === n).map((r) => r.slots);
      centresFor.set(n, columnCentres(full, n));
    }
    return centresFor.get(n);
  };
  let anyValue = false;
  let lastValueLine = -1;
  const rows: RowResult[] = anchors.map((a, i) => {
    const h = hits[i];
    let read = first[i];
    if (read && !read.ok && a.key) read = readRow(toks.slice(ranges[i].from, ranges[i].to), columnsOf(a), centres(columnsOf(a)));
    const slice = h ? toks.slice(ranges[i].from, ranges[i].to) : [];
    const values = slice.filter((t): t is ValueTok => t.kind === 'num' || t.kind === 'blank');
    if (values.some((v) => v.kind === 'num')) anyValue = true;
    for (const v of values) lastValueLine = Math.max(lastValueLine, v.line);
    const lineSet = new Set(slice.filter((t) => t.kind !== 'empty').map((t) => t.line));
    return { anchor: a, hit: h, lines: [...lineSet].sort((x, y) => x - y), read, groupValues: a.key ? [] : values };
  });
  return { rows, anyValue, lastValueLine, toks };
}

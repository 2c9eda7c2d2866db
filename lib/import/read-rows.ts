/**
 * Step 4 for tables with labelled rows (表二, 表三): tokens → anchors → values per row, with the
 * lines each row came from. Pure: the table modules decide what the rows mean.
 */
import type { CleanLine } from './clean-lines';
import { findAnchors, type Anchor, type AnchorHit } from './anchors';
import { assignToBands, bandOf, hasGeometry, placeInColumns, valueColumns, type Band } from './geometry';
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

export type RowsRead = {
  rows: RowResult[];
  anyValue: boolean;
  lastValueLine: number;
  toks: Tok[];
  /** PDF read by geometry: values near no row label (reported, never placed). */
  stray: ValueTok[];
};

/** Lines a wrapped row may span below its label's first line (label wrap + wrapped values). */
const ROW_LINE_SPAN = 8;

export function readRows(
  lines: CleanLine[],
  start: number,
  end: number,
  anchors: Anchor[],
  columnsOf: (a: Anchor) => number,
  opts: { geometry?: boolean } = {},
): RowsRead {
  const toks = tokenize(lines, start, end);
  const proj = project(toks);
  const hits = findAnchors(proj, anchors);
  if (opts.geometry && hasGeometry(lines, toks)) return readRowsByGeometry(lines, toks, proj, hits, anchors, columnsOf);
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
  return { rows, anyValue, lastValueLine, toks, stray: [] };
}

/** The lines a hit label's text was printed on. */
function labelLines(toks: Tok[], proj: ReturnType<typeof project>, hit: AnchorHit): number[] {
  const from = tokenIndexAt(proj, hit.at, toks);
  const to = tokenIndexAt(proj, Math.max(hit.at, hit.end - 1), toks);
  return [...new Set(toks.slice(from, to + 1).filter((t) => t.kind === 'text').map((t) => t.line))];
}

/** PDF: rows from the label boxes, columns from value positions (see geometry.ts). */
function readRowsByGeometry(
  lines: CleanLine[],
  toks: Tok[],
  proj: ReturnType<typeof project>,
  hits: (AnchorHit | null)[],
  anchors: Anchor[],
  columnsOf: (a: Anchor) => number,
): RowsRead {
  // A group label holds values only when it was printed as one row (its first sub-row is absent).
  const holdsValues = (i: number) => !!hits[i] && (!!anchors[i].key || (!!anchors[i + 1]?.key && !hits[i + 1]));
  const labelLineSets = anchors.map((_, i) => (holdsValues(i) ? labelLines(toks, proj, hits[i]!) : []));
  const bands: (Band | null)[] = labelLineSets.map((ls) => (ls.length ? bandOf(lines, ls) : null));
  const all = toks.filter((t): t is ValueTok => t.kind === 'num' || t.kind === 'blank');
  // A blank mark left of every number is a piece of a label (the 「、」 of a vertical 「三、本年…」).
  const minNumX = Math.min(...all.filter((t) => t.kind === 'num').map((t) => t.x!));
  const values = all.filter((t) => t.kind === 'num' || t.x! >= minNumX - 2 * (lines[t.line].size ?? 10));
  const owner = assignToBands(lines, values, bands);
  const perRow: ValueTok[][] = anchors.map(() => []);
  const stray: ValueTok[] = [];
  values.forEach((v, k) => (owner[k] >= 0 ? perRow[owner[k]].push(v) : stray.push(v)));
  const widths = [...new Set(anchors.map(columnsOf).filter((n) => n > 0))];
  const columnsFor = new Map(
    widths.map((n) => [n, valueColumns(perRow.flatMap((vs, i) => (columnsOf(anchors[i]) === n || (!anchors[i].key && vs.length) ? vs : [])), n)] as const),
  );
  let anyValue = false;
  let lastValueLine = -1;
  const rows: RowResult[] = anchors.map((a, i) => {
    const vs = perRow[i].sort((p, q) => p.line - q.line || p.x! - q.x!);
    if (vs.some((v) => v.kind === 'num')) anyValue = true;
    for (const v of vs) lastValueLine = Math.max(lastValueLine, v.line);
    const lineSet = [...new Set([...labelLineSets[i], ...vs.map((v) => v.line)])].sort((x, y) => x - y);
    const n = a.key ? columnsOf(a) : (widths[0] ?? 0);
    const columns = columnsFor.get(n);
    let read: RowRead | null = null;
    let placed: (ValueTok | null)[] | null = null;
    if (hits[i] && n > 0) {
      if (columns) {
        const p = placeInColumns(vs, n, columns);
        if (p.ok) placed = p.slots;
        read = p.ok
          ? { ok: true, slots: p.slots, how: 'geometry' }
          : { ok: false, found: vs, reason: p.reason };
      } else read = readRow(vs, n);
      if (vs.length === 0) read = { ok: false, found: [], reason: '这一行没有读到数字' };
    }
    const groupValues = a.key ? [] : placed && placed.every((v) => v) ? (placed as ValueTok[]) : [...vs].sort((p, q) => p.x! - q.x!);
    return { anchor: a, hit: hits[i], lines: lineSet, read: a.key ? read : null, groupValues };
  });
  return { rows, anyValue, lastValueLine, toks, stray };
}

/**
 * Step 4a: a table region as one stream of tokens. Text pieces are kept as match keys, numbers
 * and blank markers as values. Labels are then found in the *text projection* (all text keys
 * joined), so a label broken over lines by PDF extraction (「三、本\n年度办\n理结果」) or split by
 * numbers printed in the middle of its wrapped lines is still one contiguous string.
 */
import type { CleanLine } from './clean-lines';
import { matchKey } from './match-key';

export type TextTok = { kind: 'text'; key: string; line: number };
/** A printed value: a number, or a mark meaning "nothing here" (—, /, 不适用). */
export type ValueTok = {
  kind: 'num' | 'blank';
  raw: string;
  line: number;
  x?: number;
  /** Left and right edges of the printed value (PDF). */
  x0?: number;
  x1?: number;
  /** A number printed wrapped inside a narrow cell (「300」 over 「1」), joined from these pieces. */
  joined?: string[];
  /** Printed running past the page's edge (PDF): its last digits may be cut off. */
  clipped?: boolean;
};
/** An empty cell of a line whose cells are known (tab-separated text, DOCX table row). */
export type EmptyTok = { kind: 'empty'; line: number };
export type Tok = TextTok | ValueTok | EmptyTok;

const NUM = /^(?:\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?)$/;
const GLUED_VALUE = /^(.*[\u3400-\u9fff）)])(\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?)$/;
const BLANK_MARK = /^(?:[-—–－/／\\、]+|不适用|无|空)$/;

export function isNumberPiece(piece: string): boolean {
  return NUM.test(piece.normalize('NFKC').replace(/，/g, ','));
}

const textOf = (l: CleanLine) => l.text.replace(/\s+/g, '');

/**
 * Lines of [start, end) that print the table's column header again: a run of lines (at least
 * three, or the whole header when it is shorter) each equal to a line of the header above the
 * first value. Word, WPS and LibreOffice repeat the header on every page a table continues on,
 * and let a tall row break across the page: then its label's first lines sit on one page, the
 * rest after the repeated header, and only without the header are they one label again
 * (「3.危及“三」 … 申请人情况 … 自然人 … 「安全一稳定”」).
 */
export function repeatedHeaderLines(lines: CleanLine[], start: number, end: number): Set<number> {
  const kept = (i: number) => !lines[i].isNoise && textOf(lines[i]) !== '';
  const hasNumber = (i: number) => lines[i].text.split(/\s+/).some((p) => isNumberPiece(p.normalize('NFKC')));
  let firstValue = start;
  while (firstValue < end && !(kept(firstValue) && hasNumber(firstValue))) firstValue++;
  const header = new Set<string>();
  for (let i = start; i < firstValue; i++) if (kept(i)) header.add(textOf(lines[i]));
  const out = new Set<number>();
  if (header.size === 0) return out;
  const minRun = Math.min(3, header.size);
  for (let i = firstValue + 1; i < end; ) {
    let j = i;
    const run: number[] = [];
    while (j < end && (!kept(j) || (header.has(textOf(lines[j])) && !hasNumber(j)))) {
      if (kept(j)) run.push(j);
      j++;
    }
    if (run.length >= minRun) for (const k of run) out.add(k);
    i = Math.max(j, i + 1);
  }
  return out;
}

/** Tokens of lines [start, end). `line` is the index into `lines`. */
export function tokenize(lines: CleanLine[], start: number, end: number): Tok[] {
  const out: Tok[] = [];
  const repeatedHeader = repeatedHeaderLines(lines, start, end);
  for (let i = start; i < end; i++) {
    const l = lines[i];
    if (l.isNoise || repeatedHeader.has(i)) continue;
    const structured = !!l.cells;
    const cells = l.cells ?? [{ text: l.text, x: l.x, x0: l.x0, x1: l.x1, clipped: l.clipped }];
    for (const cell of cells) {
      const t = cell.text.trim();
      if (!t) {
        if (structured) out.push({ kind: 'empty', line: i });
        continue;
      }
      for (const piece of t.split(/\s+/)) {
        const p = piece.normalize('NFKC');
        const at = { x: cell.x, x0: cell.x0, x1: cell.x1, ...(cell.clipped ? { clipped: true } : {}) };
        if (isNumberPiece(p)) out.push({ kind: 'num', raw: p.replace(/,/g, ''), line: i, ...at });
        else if (BLANK_MARK.test(p)) out.push({ kind: 'blank', raw: piece, line: i, ...at });
        else {
          // A label printed hard against its first value (a web page's table printed with no
          // cell padding: 「行政规范性文件52」). No label of the format ends in a digit.
          const glued = GLUED_VALUE.exec(p);
          const key = matchKey(glued ? glued[1] : piece);
          if (key) out.push({ kind: 'text', key, line: i });
          // The value's share of the cell: its right end is the cell's; its left edge unknown.
          if (glued) out.push({ kind: 'num', raw: glued[2].replace(/,/g, ''), line: i, x: cell.x, x1: cell.x1 });
        }
      }
    }
  }
  return out;
}

/** The text projection and, for each character of it, the index of its token. */
export type Projection = { text: string; tokAt: number[] };

export function project(toks: Tok[]): Projection {
  let text = '';
  const tokAt: number[] = [];
  toks.forEach((t, i) => {
    if (t.kind !== 'text') return;
    text += t.key;
    for (let k = 0; k < t.key.length; k++) tokAt.push(i);
  });
  return { text, tokAt };
}

/** Token index at a projection offset (the end of the projection maps past the last token). */
export function tokenIndexAt(p: Projection, offset: number, toks: Tok[]): number {
  return offset < p.tokAt.length ? p.tokAt[offset] : toks.length;
}

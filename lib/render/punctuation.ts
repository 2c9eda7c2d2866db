/**
 * 标点挤压: where two full-width punctuation marks meet (「》（」, 「。」」, 「（《」), the blank half of
 * the first one's em box goes, as Word and WPS set Chinese text (GB/T 15834 practice, CLREQ
 * §3.1.6). In these fonts a closing mark (and 、，。：；！？) sits in the left half of its box and
 * an opening mark in the right half, so the first mark gives up half an em after itself when a
 * closing mark is followed by any mark, or an opening mark by an opening one. The PDF narrows
 * that glyph's advance (report-pdf.tsx), the preview its margin (report-preview.tsx).
 */
const CLOSING_FULL = new Set('，。、；：？！）」』》〕】〉”’');
const OPENING_FULL = new Set('（「『《〔【〈“‘');

/** A piece of text; `squeeze`: one mark set half an em narrower. */
export type PunctuationRun = { text: string; squeeze?: true };

function squeezes(a: string, b: string): boolean {
  if (CLOSING_FULL.has(a)) return CLOSING_FULL.has(b) || OPENING_FULL.has(b);
  return OPENING_FULL.has(a) && OPENING_FULL.has(b);
}

/** `text` cut into runs, each mark to be squeezed a run of its own; `null` when none is. */
export function punctuationRuns(text: string): PunctuationRun[] | null {
  let runs: PunctuationRun[] | null = null;
  let start = 0;
  for (let i = 0; i + 1 < text.length; i++) {
    if (!squeezes(text[i], text[i + 1])) continue;
    runs ??= [];
    if (i > start) runs.push({ text: text.slice(start, i) });
    runs.push({ text: text[i], squeeze: true });
    start = i + 1;
  }
  if (runs && start < text.length) runs.push({ text: text.slice(start) });
  return runs;
}

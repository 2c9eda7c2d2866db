/**
 * Where a table header may break: between words, never inside one (「自然人」, not 「自然/人」).
 * Words come from the platform's Chinese word segmenter (ICU, in Node and in browsers; a
 * dictionary where there is none, see segment.ts); a
 * character it leaves alone joins the word before it (「复/议」 → 「复议」, 「申请/人」 → 「申请人」),
 * so that no single character is stranded, and punctuation sticks to its neighbour as in 避头尾.
 * Renderers pack the words into lines of the cell's width (`packWords`).
 */
import { chineseWords, type WordSegmenter } from './segment';

const OPENING = /^[（「《『【〔〈“‘(\[]+$/;
const CLOSING = /^[，。、；：？！）」》』】〕〉”’)\]:;,.]+$/;

export function headerWords(label: string, segmentWords: WordSegmenter = chineseWords): string[] {
  const words: string[] = [];
  let pendingOpen = '';
  for (const segment of segmentWords(label)) {
    if (/^\s+$/.test(segment)) continue;
    if (OPENING.test(segment)) {
      pendingOpen += segment;
      continue;
    }
    const seg = pendingOpen + segment;
    pendingOpen = '';
    const single = Array.from(segment).length === 1 && !/^[0-9A-Za-z]$/.test(segment);
    if (words.length > 0 && (CLOSING.test(segment) || single)) words[words.length - 1] += seg;
    else words.push(seg);
  }
  if (pendingOpen) {
    if (words.length) words[words.length - 1] += pendingOpen;
    else words.push(pendingOpen);
  }
  return words;
}

/** Width of a string in em: CJK and full-width forms 1, other characters (digits, Latin) ½. */
export function emWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

/**
 * Greedy lines of at most `maxEm` em from `words`. A word wider than a line gets a line of its
 * own (the renderer then breaks it as it must); nothing else is ever cut.
 */
export function packWords(words: string[], maxEm: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && emWidth(line + w) > maxEm + 1e-6) {
      lines.push(line);
      line = w;
    } else line += w;
  }
  if (line) lines.push(line);
  return lines;
}

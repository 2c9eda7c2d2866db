/**
 * Step 1 of the pipeline: mark the lines that are page furniture, not content — page numbers
 * (「— 3 —」「-3-」「第 3 页 共 9 页」「3/9」) and running headers or footers repeated on every page
 * (often the title). They are kept in `source.lines` for the review screen but skipped by the
 * parser. A bare number on a line of its own is *not* dropped: in a table it is a wrapped value.
 */
import { matchKey, visualWidth } from './match-key';
import type { SourceLine } from './types';

const PAGE_NUMBER = [
  /^[-—–－_~·•\s]*\d{1,4}[-—–－_~·•\s]*$/,
  /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/,
];

export function isPageNumberText(text: string): boolean {
  const t = text.trim();
  if (!t || /^\d+$/.test(t)) return false;
  return PAGE_NUMBER.some((p) => p.test(t)) && /[-—–－_~·•页/]|page/i.test(t);
}

export type CleanLine = SourceLine & { isNoise?: boolean; noiseReason?: string };

export function markNoise(lines: SourceLine[]): CleanLine[] {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const k = matchKey(l.text);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let seenTitle = false;
  return lines.map((l) => {
    const t = l.text.trim();
    if (!t) return l;
    if (isPageNumberText(t)) return { ...l, isNoise: true, noiseReason: '页码' };
    const k = matchKey(t);
    const n = counts.get(k) ?? 0;
    // The title printed again as a running header: keep its first occurrence only.
    if (/年度报告$/.test(k) && k.length >= 10 && !l.cells) {
      if (seenTitle) return { ...l, isNoise: true, noiseReason: '页眉' };
      seenTitle = true;
      return l;
    }
    if (n >= 3 && visualWidth(t) >= 12 && !l.cells && !/[。；]$/.test(t)) return { ...l, isNoise: true, noiseReason: '页眉或页脚' };
    return l;
  });
}

/**
 * Step 3a: lines of a text section → paragraphs. Text extracted from a PDF wraps every line at
 * the page measure and loses paragraph marks; blank lines fall inside paragraphs at page breaks.
 * There a paragraph ends at a short line that ends a sentence (the measure is learnt from the
 * document: the most common line width). Text copied from Word has one paragraph per line.
 * PDF and DOCX readers mark paragraph ends themselves (indentation, w:p).
 */
import type { CleanLine } from './clean-lines';
import { visualWidth } from './match-key';

export type Paragraph = { text: string; from: number; to: number };
export type Layout = { kind: 'wrapped'; measure: number } | { kind: 'linePerParagraph' } | { kind: 'marked' };

const SENTENCE_END = /[。！？!?；;：:…”"’）)》]$/;
/** A line that starts a numbered item or heading: 「（一）」「一、」「五）」「1.」「- 1.」. */
export const ITEM_START = /^(?:[-•·]\s*)?(?:[（(]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[)）、]|\d{1,2}\s*[、.．)）](?!\d))/;

/** Decides how a document's body lines map to paragraphs. */
export function detectLayout(lines: CleanLine[]): Layout {
  if (lines.some((l) => l.endsParagraph !== undefined)) return { kind: 'marked' };
  const widths = lines.filter((l) => !l.isNoise && !l.cells).map((l) => Math.round(visualWidth(l.text.trim()))).filter((w) => w >= 15);
  if (widths.length < 5) return { kind: 'linePerParagraph' };
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
  const [measure, n] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  // Wrapped text: many lines share the measure (±1 for a Latin half-width at the end).
  const near = widths.filter((w) => Math.abs(w - measure) <= 1).length;
  return near >= Math.max(3, widths.length * 0.3) && n >= 3 ? { kind: 'wrapped', measure } : { kind: 'linePerParagraph' };
}

/** Joins the lines of one paragraph: nothing between CJK; a space between two Latin words. */
function join(a: string, b: string): string {
  if (!a) return b;
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

export function paragraphsOf(lines: CleanLine[], start: number, end: number, layout: Layout, runIn = ''): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: Paragraph | null = null;
  const flush = () => {
    if (cur && cur.text.trim()) out.push({ ...cur, text: cur.text.trim() });
    cur = null;
  };
  if (runIn.trim() && lines[start - 1]) out.push({ text: runIn.trim(), from: lines[start - 1].no, to: lines[start - 1].no });
  for (let i = start; i < end; i++) {
    const l = lines[i];
    if (l.isNoise) continue;
    const t = l.text.replace(/\t/g, ' ').replace(/^[\s\u3000]+/, '').trimEnd();
    if (!t) {
      if (layout.kind === 'linePerParagraph') flush();
      continue;
    }
    const width = visualWidth(t);
    const isItem = ITEM_START.test(t);
    if (isItem || (l.indent !== undefined && l.indent >= 1.5)) flush();
    if (!cur) cur = { text: '', from: l.no, to: l.no };
    const c: Paragraph = cur;
    c.text = join(c.text, t);
    c.to = l.no;
    if (layout.kind === 'marked') {
      if (l.endsParagraph) flush();
    } else if (layout.kind === 'linePerParagraph') flush();
    else {
      const short = width < layout.measure - 1;
      // A short numbered heading without final punctuation (「（一）主动公开情况」) is a paragraph too.
      if ((short && SENTENCE_END.test(t)) || (isItem && width < layout.measure * 0.7 && !SENTENCE_END.test(t))) flush();
      else if (short && width < layout.measure * 0.7 && !/[，,、]$/.test(t) && i + 1 < end && ITEM_START.test(lines[i + 1].text.trim())) flush();
    }
  }
  flush();
  return out;
}

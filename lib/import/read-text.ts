/**
 * Plain text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK (what older Windows
 * tools save) when the bytes are not valid UTF-8. Tabs separate cells (text copied from a Word
 * table or a spreadsheet keeps one row per line with tabs, blank cells included).
 */
import { ImportError } from './errors';
import { IMPORT_LIMITS } from './limits';
import type { SourceDoc, SourceLine } from './types';

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Binary data decoded as text is full of control characters; a report has none (tabs and newlines aside). */
export function looksLikeText(text: string): boolean {
  const sample = text.slice(0, 20_000);
  if (sample.length === 0) return true;
  let bad = 0;
  for (const ch of sample) {
    const c = ch.codePointAt(0)!;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++;
  }
  return bad / sample.length < 0.01;
}

export function linesFromText(text: string): SourceLine[] {
  if (text.length > IMPORT_LIMITS.maxTextChars)
    throw new ImportError(`文本过长（${Math.round(text.length / 1024)} K 字），不像一份年度报告`);
  const raw = text.replace(/\r\n?/g, '\n').replace(/\f/g, '\n').split('\n');
  if (raw.length > IMPORT_LIMITS.maxLines) throw new ImportError(`文本行数过多（${raw.length} 行），不像一份年度报告`);
  return raw.map((line, i) => {
    const md = markdownLine(line);
    if (md) return { no: i + 1, ...md };
    const l: SourceLine = { no: i + 1, text: line };
    if (line.includes('\t')) l.cells = line.split('\t').map((t) => ({ text: t }));
    return l;
  });
}

/**
 * Text that went through a PDF-to-Markdown converter: 「# 一、总体情况」 headings, bold marks,
 * `| a | b |` table rows (their cells, empty ones kept), and `|---|---|` rule lines, which
 * say nothing (a blank line). A header row split over several pipe rows is just text to the
 * table reader. Null for a line that is not Markdown.
 */
function markdownLine(line: string): Omit<SourceLine, 'no'> | null {
  const t = line.trim();
  if (/^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/.test(t) && t.includes('|')) return { text: '' };
  if (/^\|.*\|$/.test(t) && t.length > 1) {
    const cells = t
      .slice(1, -1)
      .split('|')
      .map((c) => ({ text: c.replace(/\*\*|__/g, '').trim() }));
    return { text: cells.map((c) => c.text).join('\t'), cells };
  }
  const h = /^#{1,6}\s+(.*)$/.exec(t);
  if (h) return { text: h[1].replace(/\*\*|__/g, '').replace(/\s+#+$/, '').trim() };
  if (/^\*\*[^*]+\*\*$/.test(t)) return { text: t.slice(2, -2) };
  return null;
}

export function readText(bytes: Uint8Array): SourceDoc {
  const text = decodeText(bytes);
  if (!looksLikeText(text)) throw new ImportError('文件不是文本，也不是 PDF、DOCX 或 JSON，无法识别');
  return { format: 'text', lines: linesFromText(text) };
}

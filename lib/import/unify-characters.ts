/**
 * Step 0 of the pipeline: the characters a PDF's font tables give for ordinary Chinese
 * characters, made ordinary again. Fonts often map a glyph to a Kangxi radical (U+2F00–U+2FD5)
 * or a CJK radical (U+2E80–U+2EF3) that looks the same as the character: Chromium's and macOS's
 * PDFs, and many made by WPS, extract 「⼀、总体情况」 with U+2F00 for 一, 「⾏政许可」 with U+2F8F
 * for 行. Such text matches no heading or label, and it would be stored in the report as
 * typed by nobody. Only these blocks and the CJK compatibility ideographs are changed: a
 * full-width bracket or digit stays as printed (the label keys ignore those differences).
 */
import type { SourceDoc, SourceLine } from './types';

/**
 * The radicals that have no compatibility decomposition but stand for one character of modern
 * text (Unicode's EquivalentUnifiedIdeograph, the ones a report can contain).
 */
const RADICALS: Record<string, string> = {
  '⺟': '母', '⺠': '民', '⺮': '竹', '⻄': '西', '⻅': '见', '⻆': '角', '⻈': '讠', '⻉': '贝',
  '⻋': '车', '⻓': '长', '⻔': '门', '⻗': '雨', '⻘': '青', '⻚': '页', '⻛': '风', '⻜': '飞',
  '⻝': '食', '⻠': '饣', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤',
  '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻳': '龟',
};

// Kangxi radicals and compatibility ideographs decompose (NFKC) to the unified ideograph.
const BLOCKS = '\\u2e80-\\u2eff\\u2f00-\\u2fdf\\uf900-\\ufaff';
const LOOKALIKE = new RegExp(`[${BLOCKS}]`, 'g');
const HAS_LOOKALIKE = new RegExp(`[${BLOCKS}]`);

export function unifyCharacters(text: string): string {
  return text.replace(LOOKALIKE, (ch) => RADICALS[ch] ?? ch.normalize('NFKC'));
}

/** The document with every line and cell unified; the same object when nothing changes. */
export function unifyDocument(doc: SourceDoc): SourceDoc {
  if (!doc.lines.some((l) => HAS_LOOKALIKE.test(l.text))) return doc;
  const lines: SourceLine[] = doc.lines.map((l) => ({
    ...l,
    text: unifyCharacters(l.text),
    ...(l.cells ? { cells: l.cells.map((c) => ({ ...c, text: unifyCharacters(c.text) })) } : {}),
  }));
  return { ...doc, lines };
}

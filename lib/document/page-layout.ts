/**
 * The page of GB/T 9704-2012 as numbers both renderers use (design §4.1).
 * PDF works in points, DOCX in twips; both derive from millimetres here.
 */
export const MM_TO_PT = 72 / 25.4;
export const PT_TO_TWIP = 20;

export const A4_MM = { width: 210, height: 297 };
/** 天头 37, 下 35, 订口 28, 右 26: a text block of 156 × 225 mm. */
export const MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 };
export const TEXT_BLOCK_MM = {
  width: A4_MM.width - MARGINS_MM.left - MARGINS_MM.right,
  height: A4_MM.height - MARGINS_MM.top - MARGINS_MM.bottom,
};

/** Chinese point sizes: 2号 22, 3号 16, 4号 14, 五号 10.5, 小五 9 (表四's 15 columns). */
export const FONT_SIZE_PT = { title: 22, body: 16, pageNumber: 14, table: 10.5, tableSmall: 9 };

/** 22 lines in the 225 mm text block: 28.95 pt (Word: 固定值 ≈ 29 磅, 579 twips). */
export const LINE_PITCH_PT = (TEXT_BLOCK_MM.height * MM_TO_PT) / 22;
/** 22 lines × 28 characters fill the text block (GB/T 9704 5.2.3). */
export const CHARS_PER_LINE = 28;
/**
 * One character cell of that grid: 156 mm / 28 = 15.79 pt, a little under a 16 pt glyph, so
 * 3号 text is set slightly tight (Word: a document grid with a negative charSpace).
 */
export const CHAR_PITCH_PT = (TEXT_BLOCK_MM.width * MM_TO_PT) / CHARS_PER_LINE;
/** A title line: 2号 needs more than the body pitch. */
export const TITLE_LINE_PT = 36;
/** Table text, single spaced (小五 tables: 12). */
export const TABLE_LINE_PT = 14;
export const TABLE_SMALL_LINE_PT = 12;
/**
 * Space between a cell's rules and its text, left and right: the PDF's padding and the DOCX's
 * cell margins (so LibreOffice and Word break cell text where the PDF does).
 */
export const CELL_PAD_X_PT = 2;
/** Width of a table rule. */
export const TABLE_RULE_PT = 0.75;
/** The page number's rule sits 7 mm below the text block (GB/T 9704 7.5). */
export const PAGE_NUMBER_GAP_MM = 7;

export const mm = (v: number) => v * MM_TO_PT;
export const twips = (pt: number) => Math.round(pt * PT_TO_TWIP);
export const mmTwips = (v: number) => Math.round((v * 1440) / 25.4);

/**
 * Space under a title of `lines` lines: a blank body line at least, and enough that the body
 * starts on the 22-line grid. Word and WPS snap the first body line to the document grid anyway;
 * the PDF and the preview must leave the same space, or a page breaks half a line apart.
 */
export function titleSpaceAfterPt(lines: number): number {
  const title = lines * TITLE_LINE_PT;
  return Math.ceil((title + LINE_PITCH_PT) / LINE_PITCH_PT - 1e-9) * LINE_PITCH_PT - title;
}

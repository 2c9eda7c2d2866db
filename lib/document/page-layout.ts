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

/** 22 lines in the 225 mm text block: 28.99 pt (Word: 固定值 ≈ 29 磅; the DOCX's pitch is LINE_PITCH_TW). */
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
/** Space between a cell's rules and its text, above and below: the PDF's padding and the DOCX's cell margins. */
export const CELL_PAD_Y_PT = 2.5;
/** Width of a table rule. */
export const TABLE_RULE_PT = 0.75;
/** The page number's rule sits 7 mm below the text block (GB/T 9704 7.5). */
export const PAGE_NUMBER_GAP_MM = 7;

export const mm = (v: number) => v * MM_TO_PT;
export const twips = (pt: number) => Math.round(pt * PT_TO_TWIP);
export const mmTwips = (v: number) => Math.round((v * 1440) / 25.4);

/**
 * The DOCX's line pitch, in whole twips: the text block between the DOCX's margins (12756 twips)
 * over 22, rounded down — 579. Rounded (580), 22 lines are 4 twips taller than the text block,
 * and LibreOffice fits only 21 a page: the DOCX ran a page longer than the PDF.
 */
export const LINE_PITCH_TW = Math.floor((mmTwips(A4_MM.height) - mmTwips(MARGINS_MM.top) - mmTwips(MARGINS_MM.bottom)) / 22);

/**
 * Space under a title of `lines` lines: a blank body line at least, and enough that the body
 * starts on the 22-line grid. Word and WPS snap the first body line to the document grid anyway;
 * the PDF and the preview must leave the same space, or a page breaks half a line apart.
 */
export function titleSpaceAfterPt(lines: number): number {
  return titleGridLines(lines) * LINE_PITCH_PT - lines * TITLE_LINE_PT;
}

/** The same space in the DOCX, on its pitch in whole twips (title and space end on a grid line, not 3 twips past it). */
export function titleSpaceAfterTw(lines: number): number {
  return titleGridLines(lines) * LINE_PITCH_TW - lines * twips(TITLE_LINE_PT);
}

/** Body lines a title of `lines` lines and the blank line under it take. */
function titleGridLines(lines: number): number {
  return Math.ceil((lines * TITLE_LINE_PT + LINE_PITCH_PT) / LINE_PITCH_PT - 1e-9);
}

/**
 * The DOCX's style sheet (word/styles.xml), written by us and handed to docx's Packer as an
 * override of the one it generates.
 *
 * Why our own: (1) paragraphs whose exact line height is not the body pitch (title, table
 * text, table notes) must not snap to the section's line grid — LibreOffice and WPS would
 * stretch each line to 28.95 pt and double every table row — and Word's switch for that,
 * <w:snapToGrid w:val="0"/> in paragraph properties, is one the docx package does not write;
 * (2) formatting carried by named styles instead of repeated on every paragraph and run keeps
 * the file small and fast to build, and lets an office restyle the report the way Word users
 * do (change 「公文正文」 once). Body text is the Normal style, as in the GB/T 9704 templates
 * offices use, so a paragraph typed into the file later looks like the rest.
 */
import { ROLE_SPECS, type FontRole } from '../fonts';
import { DOCX_LATIN_FONT } from './font-table';
import { CHAR_PITCH_PT, FONT_SIZE_PT, LINE_PITCH_TW, TABLE_LINE_PT, TABLE_SMALL_LINE_PT, TITLE_LINE_PT, twips } from '../../document/page-layout';

/** Style ids the document refers to (w:pStyle). */
export const STYLE = {
  title: 'GwTitle',
  dateLine: 'GwDateLine',
  heading1: 'GwHeading1',
  heading2: 'GwHeading2',
  tableText: 'GwTableText',
  tableTextSmall: 'GwTableTextSmall',
  tableNote: 'GwTableNote',
  pageNumber: 'GwPageNumber',
  afterTable: 'GwAfterTable',
} as const;

/** Size of table notes: a little over the table text, under the body. */
export const TABLE_NOTE_PT = FONT_SIZE_PT.table + 1.5;
export const TABLE_NOTE_LINE_PT = TABLE_LINE_PT + 4;

/**
 * Character spacing of text on the GB/T 9704 grid (body, headings, date line), in twentieths of a
 * point: 28 characters of 3号 are 448 pt and the text block is 442 pt wide, so each character is
 * condensed by a little more than the grid's 0.21 pt (the PDF sets them at the 15.79 pt pitch).
 * A document grid of characters does that in Word, but LibreOffice spreads characters on it (see
 * render-docx.ts); condensed spacing gives 28 a line in Word, WPS and LibreOffice alike (justified,
 * so the line is filled). One twentieth more than the exact figure: at −0.25 pt LibreOffice 7.4
 * dropped a 、 that fell 29th on a line (「应公开尽公开」); at −0.3 pt it moves to the next line.
 */
export const GRID_CONDENSE = Math.floor((CHAR_PITCH_PT - FONT_SIZE_PT.body) * 20) - 1;
const gridSpacing = `<w:spacing w:val="${GRID_CONDENSE}"/>`;
/** Off-grid text (title, tables, notes, page numbers) is set without condensing, as in the PDF. */
const noSpacing = '<w:spacing w:val="0"/>';

/** The body's two-character first-line indent, in twips. */
export const BODY_INDENT_TW = twips(FONT_SIZE_PT.body * 2);

const halfPoints = (pt: number) => Math.round(pt * 2);

/**
 * A role's fonts: digits and Latin letters in Times New Roman (ascii, hAnsi), hanzi in the role's
 * Chinese font (eastAsia). The eastAsia hint sets the marks both scripts share (“”、——、……) in the
 * Chinese font, as Chinese Word does.
 */
function rFonts(role: FontRole): string {
  const spec = ROLE_SPECS[role];
  return `<w:rFonts w:hint="eastAsia" w:ascii="${DOCX_LATIN_FONT}" w:hAnsi="${DOCX_LATIN_FONT}" w:eastAsia="${spec.official}" w:cs="${spec.official}"/>`;
}

function size(pt: number): string {
  return `<w:sz w:val="${halfPoints(pt)}"/><w:szCs w:val="${halfPoints(pt)}"/>`;
}

const exactLineTw = (tw: number) => `<w:spacing w:before="0" w:after="0" w:line="${tw}" w:lineRule="exact"/>`;
const exactLine = (pt: number) => exactLineTw(twips(pt));
const offGrid = '<w:snapToGrid w:val="0"/>';

type ParagraphStyle = {
  id: string;
  name: string;
  /** Paragraph properties, in CT_PPrBase order (keepNext … snapToGrid, spacing, ind, jc, outlineLvl). */
  pPr: string;
  rPr: string;
};

function paragraphStyle(s: ParagraphStyle): string {
  return (
    `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${s.id}"><w:name w:val="${s.name}"/>` +
    `<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
    `<w:pPr>${s.pPr}</w:pPr><w:rPr>${s.rPr}</w:rPr></w:style>`
  );
}

/** word/styles.xml. Font names come from ROLE_SPECS and sizes from page-layout: nothing here is typed twice. */
export function stylesXml(): string {
  const noIndent = '<w:ind w:firstLine="0" w:firstLineChars="0"/>';
  const styles: ParagraphStyle[] = [
    {
      id: STYLE.title,
      name: '公文标题',
      pPr: `<w:keepNext/><w:keepLines/>${offGrid}${exactLine(TITLE_LINE_PT)}${noIndent}<w:jc w:val="center"/><w:outlineLvl w:val="0"/>`,
      rPr: rFonts('title') + noSpacing + size(FONT_SIZE_PT.title),
    },
    {
      id: STYLE.dateLine,
      name: '公文日期行',
      pPr: `<w:keepNext/>${noIndent}<w:jc w:val="center"/>`,
      rPr: '',
    },
    {
      id: STYLE.heading1,
      name: '公文一级标题',
      pPr: '<w:keepNext/><w:keepLines/><w:outlineLvl w:val="1"/>',
      rPr: rFonts('heading1'),
    },
    {
      id: STYLE.heading2,
      name: '公文二级标题',
      pPr: '<w:keepNext/><w:keepLines/><w:outlineLvl w:val="2"/>',
      rPr: rFonts('heading2'),
    },
    {
      id: STYLE.tableText,
      name: '表格文字',
      pPr: `<w:widowControl w:val="0"/>${offGrid}${exactLine(TABLE_LINE_PT)}${noIndent}<w:jc w:val="center"/>`,
      rPr: rFonts('table') + noSpacing + size(FONT_SIZE_PT.table),
    },
    {
      // 表四: fifteen columns, each must hold a 5-digit count on one line.
      id: STYLE.tableTextSmall,
      name: '表格文字（小五）',
      pPr: `<w:widowControl w:val="0"/>${offGrid}${exactLine(TABLE_SMALL_LINE_PT)}${noIndent}<w:jc w:val="center"/>`,
      rPr: rFonts('table') + noSpacing + size(FONT_SIZE_PT.tableSmall),
    },
    {
      id: STYLE.tableNote,
      name: '表注',
      pPr: `${offGrid}${exactLine(TABLE_NOTE_LINE_PT)}${noIndent}`,
      rPr: rFonts('table') + noSpacing + size(TABLE_NOTE_PT),
    },
    {
      // Half a line of space under a table, as in the PDF.
      id: STYLE.afterTable,
      name: '表后空行',
      pPr: `${offGrid}${exactLineTw(Math.round(LINE_PITCH_TW / 2))}${noIndent}`,
      rPr: noSpacing,
    },
    {
      id: STYLE.pageNumber,
      name: '页码',
      pPr: `${offGrid}${noIndent}`,
      rPr: rFonts('pageNumber') + noSpacing + size(FONT_SIZE_PT.pageNumber),
    },
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    // Body text everywhere by default: 3号 仿宋 on the 22-line grid, justified.
    `<w:docDefaults><w:rPrDefault><w:rPr>${rFonts('body')}${size(FONT_SIZE_PT.body)}` +
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>' +
    // No automatic space between Chinese and Latin text or digits: the PDF sets 「2024年」 tight.
    `<w:pPrDefault><w:pPr><w:widowControl/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>${exactLineTw(LINE_PITCH_TW)}<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
    // No punctuation hanging past the margin: the PDF keeps it inside the text block.
    `<w:pPr><w:overflowPunct w:val="0"/><w:ind w:firstLine="${BODY_INDENT_TW}"/></w:pPr><w:rPr>${gridSpacing}</w:rPr></w:style>` +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    styles.map(paragraphStyle).join('') +
    '</w:styles>'
  );
}

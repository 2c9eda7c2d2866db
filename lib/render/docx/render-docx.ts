/**
 * The document tree as an editable DOCX (the `docx` package). Fonts are named, never embedded
 * (a CJK font is 10–24 MB): the names offices have (方正小标宋简体, 黑体, 楷体_GB2312,
 * 仿宋_GB2312, 宋体) for eastAsia, so Word and WPS on a government PC render them. Widths are
 * explicit in twips: WPS and LibreOffice ignore automatic table widths (design §4.5).
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  BorderStyle,
} from 'docx';
import { packWords } from '../../document/header-words';
import type { DocBlock, DocCell, DocTable, DocumentTree } from '../../document/types';
import { fontTableXml } from './font-table';
import { STYLE, stylesXml } from './styles';
import { A4_MM, CELL_PAD_X_PT, CELL_PAD_Y_PT, FONT_SIZE_PT, LINE_PITCH_TW, TABLE_RULE_PT, MARGINS_MM, PAGE_NUMBER_GAP_MM, TEXT_BLOCK_MM, mmTwips, titleSpaceAfterTw, twips } from '../../document/page-layout';

export type DocxRenderOptions = {
  /**
   * false: a draft — every page's header says 「草稿」 (the draft PDF is watermarked), so a draft
   * Word file passed around is not taken for the approved report. Omitted or true: no mark.
   */
  final?: boolean;
};

/** 「草稿 · 未经审核，不得发布」 at the head of every page of a draft. */
function draftHeader(): Header {
  return new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '草稿 · 未经审核，不得发布', color: 'C00000', bold: true, size: 21 })] })],
  });
}

const TEXT_WIDTH_TW = mmTwips(TEXT_BLOCK_MM.width);

/** Text in the style's fonts and size: formatting lives in the style sheet (styles.ts), not on runs. */
const text = (t: string) => (t ? [new TextRun(t)] : []);

function blockParagraphs(block: DocBlock, next: DocBlock | undefined): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title':
      return [
        new Paragraph({
          style: STYLE.title,
          spacing: { after: titleSpaceAfterTw(block.lines.length) },
          children: block.lines.map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) })),
        }),
      ];
    case 'dateLine':
      return [new Paragraph({ style: STYLE.dateLine, children: text(block.text) })];
    case 'heading':
      // The heading styles keep with the next paragraph: a heading never ends a page.
      return [new Paragraph({ style: block.level === 1 ? STYLE.heading1 : STYLE.heading2, children: text(block.text) })];
    case 'paragraph':
      // Body text is the Normal style.
      return [new Paragraph({ children: text(block.text) })];
    case 'tableNote':
      return [
        new Paragraph({
          style: STYLE.tableNote,
          ...(next?.kind === 'heading' ? { spacing: { after: Math.round(LINE_PITCH_TW / 2) } } : {}),
          children: text(block.text),
        }),
      ];
    case 'table': {
      // A note under a table stays with it (the PDF's heading needs four lines under it, room
      // enough for a short table and its note, so there the note never starts a page alone).
      const keepNote = next?.kind === 'tableNote';
      return [docxTable(block.table, keepNote), new Paragraph({ style: STYLE.afterTable, keepNext: keepNote || undefined, children: [] })];
    }
  }
}

const rule = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const CELL_MARGIN_TW = twips(CELL_PAD_X_PT);

/**
 * A cell's paragraph content: a header as lines of whole words with explicit breaks (Word and
 * LibreOffice would break 「自然人」 anywhere), anything else as one run.
 */
function cellRuns(cell: DocCell, widthTw: number, sizePt: number): TextRun[] {
  if (!cell.words) return text(cell.text);
  const innerPt = (widthTw - 2 * CELL_MARGIN_TW) / 20 - TABLE_RULE_PT - 0.5;
  return packWords(cell.words, innerPt / sizePt).map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

function docxTable(table: DocTable, keepWithNext: boolean): Table {
  const widths = table.columnWidths.map((f) => Math.round(f * TEXT_WIDTH_TW));
  // Rounding must not change the total width.
  widths[widths.length - 1] += TEXT_WIDTH_TW - widths.reduce((s, w) => s + w, 0);
  const spanWidth = (col: number, span: number) => widths.slice(col, col + span).reduce((s, w) => s + w, 0);
  const last = table.rows.length - 1;
  const sizePt = table.small ? FONT_SIZE_PT.tableSmall : FONT_SIZE_PT.table;
  // Vertical merges are written here, not by docx's rowSpan: the continuation cells it adds hold a
  // paragraph of the Normal style, whose 28.95 pt body line would make every merged row that tall.
  const continued: DocCell[][] = table.rows.map(() => []);
  for (const row of table.rows)
    for (const cell of row.cells) for (let r = cell.row + 1; r < cell.row + cell.rowSpan; r++) continued[r].push(cell);
  const rows = table.rows.map((row, r) => {
    const isHeader = r < table.headerRows;
    // Keep a row with the next while the next is in the same group (a merged group never splits),
    // or always for a table that stays on one page; the last row with what follows, if asked.
    const keepNext = r < last ? table.keepTogether || table.rows[r + 1].group === row.group : keepWithNext;
    const cells = [
      ...row.cells.map((cell) => ({ cell, merge: cell.rowSpan > 1 ? VerticalMergeType.RESTART : undefined })),
      ...continued[r].map((cell) => ({ cell, merge: VerticalMergeType.CONTINUE })),
    ].sort((a, b) => a.cell.col - b.cell.col);
    return new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      keepNext,
      children: cells.map(
        ({ cell, merge }) =>
          new TableCell({
            width: { size: spanWidth(cell.col, cell.colSpan), type: WidthType.DXA },
            columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
            verticalMerge: merge,
            verticalAlign: VerticalAlignTable.CENTER,
            children: [
              new Paragraph({
                style: table.small ? STYLE.tableTextSmall : STYLE.tableText,
                ...(cell.align === 'left' ? { alignment: AlignmentType.JUSTIFIED } : {}),
                children: merge === VerticalMergeType.CONTINUE ? [] : cellRuns(cell, spanWidth(cell.col, cell.colSpan), sizePt),
              }),
            ],
          }),
      ),
    });
  });
  return new Table({
    width: { size: TEXT_WIDTH_TW, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    // Rules and cell margins once for the table, not on each of its cells.
    borders: { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule },
    // The PDF's padding: Word and LibreOffice have the room the column widths were sized for, and
    // rows as tall as the PDF's (at 1.5 pt a page of 表三 held two rows more in LibreOffice).
    margins: { left: CELL_MARGIN_TW, right: CELL_MARGIN_TW, top: twips(CELL_PAD_Y_PT), bottom: twips(CELL_PAD_Y_PT) },
    rows,
  });
}

/** 「— N —」 in 4号 宋体, one character in from the outer edge. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const inset = twips(FONT_SIZE_PT.pageNumber);
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.pageNumber,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: inset } : { left: inset },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

export function buildDocx(doc: DocumentTree, opts: DocxRenderOptions = {}): Document {
  const children = doc.blocks.flatMap((b, i) => blockParagraphs(b, doc.blocks[i + 1]));
  // The footer's text line sits 7 mm under the text block: footer distance from the page edge.
  const footerFromEdge = mmTwips(MARGINS_MM.bottom - PAGE_NUMBER_GAP_MM) - twips(FONT_SIZE_PT.pageNumber * 1.2);
  return new Document({
    creator: doc.meta.agencyName,
    title: doc.meta.title,
    subject: doc.meta.subject,
    keywords: doc.meta.keywords.join(', '),
    description: doc.meta.subject,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: mmTwips(A4_MM.width), height: mmTwips(A4_MM.height) },
            margin: {
              top: mmTwips(MARGINS_MM.top),
              bottom: mmTwips(MARGINS_MM.bottom),
              left: mmTwips(MARGINS_MM.left),
              right: mmTwips(MARGINS_MM.right),
              footer: footerFromEdge,
              header: mmTwips(15),
            },
          },
          // GB/T 9704's grid of 22 lines (line pitch 579 twips). A character grid too ("linesAndChars"
          // with a negative charSpace) is what Word templates use for 28 characters a line, but
          // LibreOffice spreads characters on it; lines alone keep the three outputs alike.
          // Paragraphs with another line height are exempted from the grid by their styles (styles.ts).
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH_TW },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        ...(opts.final === false ? { headers: { default: draftHeader(), even: draftHeader() } } : {}),
        children,
      },
    ],
  });
}

export async function renderDocx(doc: DocumentTree, opts: DocxRenderOptions = {}): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(doc, opts), false, [
    { path: 'word/styles.xml', data: stylesXml() },
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
}

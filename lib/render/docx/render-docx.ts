/**
 * The document tree as an editable DOCX (the `docx` package). Fonts are named, never embedded
 * (a CJK font is 10–24 MB): the names offices have (方正小标宋简体, 黑体, 楷体_GB2312,
 * 仿宋_GB2312, 宋体) for eastAsia, so Word and WPS on a government PC render them. Widths are
 * explicit in twips: WPS and LibreOffice ignore automatic table widths (DESIGN §4).
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  BorderStyle,
  type IRunOptions,
} from 'docx';
import type { DocBlock, DocTable, DocumentTree } from '../../document/types';
import { ROLE_SPECS, type FontRole } from '../fonts';
import { exemptFromGrid } from './grid-exceptions';
import { A4_MM, FONT_SIZE_PT, LINE_PITCH_PT, MARGINS_MM, PAGE_NUMBER_GAP_MM, TABLE_LINE_PT, TEXT_BLOCK_MM, TITLE_LINE_PT, mmTwips, twips } from '../page-layout';

export type DocxRenderOptions = {
  /** Kept for symmetry with the PDF; a DOCX is an editable copy and carries no watermark. */
  final?: boolean;
};

const TEXT_WIDTH_TW = mmTwips(TEXT_BLOCK_MM.width);
const halfPoints = (pt: number) => Math.round(pt * 2);

function font(role: FontRole): IRunOptions['font'] {
  const spec = ROLE_SPECS[role];
  return { ascii: spec.docxAscii, hAnsi: spec.docxAscii, eastAsia: spec.official, cs: spec.official };
}

function run(text: string, role: FontRole, sizePt: number, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: font(role), size: halfPoints(sizePt), ...extra });
}

const exact = (pt: number) => ({ line: twips(pt), lineRule: LineRuleType.EXACT, before: 0, after: 0 });
const bodyIndent = { firstLine: twips(FONT_SIZE_PT.body * 2) };

function blockParagraphs(block: DocBlock, next: DocBlock | undefined): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { ...exact(TITLE_LINE_PT), after: twips(LINE_PITCH_PT) },
          keepNext: true,
          children: block.lines.map((line, i) => run(line, 'title', FONT_SIZE_PT.title, i > 0 ? { break: 1 } : {})),
        }),
      ];
    case 'dateLine':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: exact(LINE_PITCH_PT),
          keepNext: true,
          children: [run(block.text, 'body', FONT_SIZE_PT.body)],
        }),
      ];
    case 'heading':
      return [
        new Paragraph({
          // Word's keep-with-next: a heading never ends a page.
          keepNext: true,
          keepLines: true,
          indent: bodyIndent,
          spacing: exact(LINE_PITCH_PT),
          children: [run(block.text, block.level === 1 ? 'heading1' : 'heading2', FONT_SIZE_PT.body)],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: bodyIndent,
          spacing: exact(LINE_PITCH_PT),
          widowControl: true,
          children: [run(block.text, 'body', FONT_SIZE_PT.body)],
        }),
      ];
    case 'tableNote':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: { ...exact(TABLE_LINE_PT + 4), after: next?.kind === 'heading' ? twips(LINE_PITCH_PT / 2) : 0 },
          children: [run(block.text, 'table', FONT_SIZE_PT.table + 1.5, { snapToGrid: false })],
        }),
      ];
    case 'table':
      return [docxTable(block.table), new Paragraph({ spacing: exact(LINE_PITCH_PT / 2), children: [] })];
  }
}

const rule = { style: BorderStyle.SINGLE, size: 6, color: '000000' };

function docxTable(table: DocTable): Table {
  const widths = table.columnWidths.map((f) => Math.round(f * TEXT_WIDTH_TW));
  // Rounding must not change the total width.
  widths[widths.length - 1] += TEXT_WIDTH_TW - widths.reduce((s, w) => s + w, 0);
  const spanWidth = (col: number, span: number) => widths.slice(col, col + span).reduce((s, w) => s + w, 0);
  const last = table.rows.length - 1;
  const rows = table.rows.map((row, r) => {
    const isHeader = r < table.headerRows;
    // Keep a row with the next while the next is in the same group (a merged group never splits),
    // or always for a table that stays on one page.
    const keepNext = r < last && (table.keepTogether || table.rows[r + 1].group === row.group);
    return new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      keepNext,
      children: row.cells.map(
        (cell) =>
          new TableCell({
            width: { size: spanWidth(cell.col, cell.colSpan), type: WidthType.DXA },
            columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
            // docx writes vMerge="restart" here and vMerge continuation cells in the rows below.
            rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { left: 60, right: 60, top: 30, bottom: 30 },
            borders: { top: rule, bottom: rule, left: rule, right: rule },
            children: [
              new Paragraph({
                alignment: cell.align === 'left' ? AlignmentType.JUSTIFIED : AlignmentType.CENTER,
                spacing: exact(TABLE_LINE_PT),
                children: cell.text ? [run(cell.text, 'table', FONT_SIZE_PT.table, { snapToGrid: false })] : [],
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
    rows,
  });
}

/** 「— N —」 in 4号 宋体, one character in from the outer edge. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const size = FONT_SIZE_PT.pageNumber;
  const inset = twips(size);
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: inset } : { left: inset },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font('pageNumber'),
            size: halfPoints(size),
          }),
        ],
      }),
    ],
  });
}

export function buildDocx(doc: DocumentTree): Document {
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
    styles: {
      default: {
        document: {
          run: { font: font('body'), size: halfPoints(FONT_SIZE_PT.body), language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        },
      },
    },
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
          // Paragraphs with another line height are exempted from the grid (grid-exceptions.ts).
          grid: { type: DocumentGridType.LINES, linePitch: twips(LINE_PITCH_PT) },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
}

export async function renderDocx(doc: DocumentTree, _opts: DocxRenderOptions = {}): Promise<Buffer> {
  return exemptFromGrid(await Packer.toBuffer(buildDocx(doc)), twips(LINE_PITCH_PT));
}

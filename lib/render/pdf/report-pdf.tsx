/**
 * The document tree as a react-pdf <Document>. Layout numbers come from ../page-layout.ts.
 * Line heights sit on the text styles, never on <Page> or a wrapping <View> (design §4.4).
 */
import { Document, Page, Text, View } from '@react-pdf/renderer';
import type { ReactElement, ReactNode } from 'react';
import { packWords } from '../../document/header-words';
import type { DocBlock, DocumentTree, DocTable } from '../../document/types';
import { roleFamilies, type FontSetup } from '../fonts';
import {
  A4_MM,
  CELL_PAD_X_PT,
  CELL_PAD_Y_PT,
  CHAR_PITCH_PT,
  FONT_SIZE_PT,
  LINE_PITCH_PT,
  MARGINS_MM,
  PAGE_NUMBER_GAP_MM,
  TABLE_LINE_PT,
  TABLE_RULE_PT,
  TABLE_SMALL_LINE_PT,
  TEXT_BLOCK_MM,
  TITLE_LINE_PT,
  mm,
  titleSpaceAfterPt,
} from '../page-layout';
import { punctuationRuns } from '../punctuation';
import { keepSpaces } from './cjk-break';
import { spanningLabels, tableBands, type Band, type Box } from './table-boxes';
import { escapeXmpInfo } from './pdfa';
import { createTagger, tagProp, type NodeTag, type StructRef } from './tagging';

/** The PDF/A levels a final copy can be made to (pdfkit writes the XMP identification and an sRGB output intent). */
export type PdfConformance = 'PDF/A-1b' | 'PDF/A-2b';

export type PdfRenderOptions = {
  /** false (a draft): a light 「草稿」 watermark on every page. Only an approved report renders final. */
  final: boolean;
  /**
   * A final copy is PDF/A-2b (archived and published for years); PDF/A-1b is the variant Apache
   * PDFBox Preflight can check (CI); null, a plain final copy (the benchmark's baseline). Drafts are
   * plain PDFs: this is ignored for them.
   */
  conformance?: PdfConformance | null;
};

/** The PDF/A level of a render, or undefined for a plain PDF (a draft). */
export const conformanceOf = (options: PdfRenderOptions): PdfConformance | undefined =>
  options.final && options.conformance !== null ? (options.conformance ?? 'PDF/A-2b') : undefined;

/** Printed on drafts: wording of the issue, not of the template. */
const WATERMARK = '草稿';
const RULE = TABLE_RULE_PT;
const TEXT_WIDTH = mm(TEXT_BLOCK_MM.width);
const CELL_PAD_X = CELL_PAD_X_PT;
const CELL_PAD_Y = CELL_PAD_Y_PT;
/** How far white paint that hides a rule reaches past it, so no anti-aliased trace is left. */
const PATCH_BLEED = 0.3;

export type Fam = { title: string[]; h1: string[]; h2: string[]; body: string[]; table: string[]; pageNumber: string[] };

export const pitch = `${LINE_PITCH_PT}pt`;

/**
 * Body and heading text on the GB/T 9704 grid of 28 characters a line. textkit adds
 * letterSpacing to every glyph's advance (the last included), so a line of 28 full-width
 * characters is 28 × (16 + spacing) wide. A hair under the exact pitch, so that rounding in the
 * sum of 28 advances never pushes the 28th character to the next line.
 */
export const GRID_SPACING = CHAR_PITCH_PT - FONT_SIZE_PT.body - 0.001;
/** The two-character first-line indent, in grid characters. */
export const GRID_INDENT = 2 * CHAR_PITCH_PT;

/**
 * Text as laid out: spaces kept (cjk-break.ts), and each mark that meets another set half an em
 * narrower (标点挤压, ../punctuation.ts) — a nested run whose letterSpacing takes the half em off
 * its advance. `spacing` is the paragraph's own letterSpacing, `size` its font size.
 */
export function setText(text: string, size: number, spacing = 0): ReactNode {
  const kept = keepSpaces(text);
  const runs = punctuationRuns(kept);
  if (!runs) return kept;
  return runs.map((r, i) =>
    r.squeeze ? (
      <Text key={i} style={{ letterSpacing: spacing - size / 2 }}>
        {r.text}
      </Text>
    ) : (
      r.text
    ),
  );
}

/** Estimated width of a string in em: CJK 1, digits 0.52 (the widest of our fonts' figures), other ASCII 0.55. */
function ems(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    w += c >= 0x2e80 ? 1 : (c >= 48 && c <= 57) || c === 46 ? 0.52 : 0.55;
  }
  return w;
}

/**
 * The structure elements of a table (tagging.ts): Table, a TR per row, a TH or TD per cell with
 * its scope, spans and — for a TD — the ids of every header cell above it and before it.
 * Undefined when the PDF is not tagged (drafts).
 */
type TableTags = { table: StructRef; cell: (c: { row: number; col: number }) => NodeTag | undefined };

function tableTags(table: DocTable, index: number): TableTags {
  const tableRef: StructRef = { id: `t${index}`, role: 'Table', order: index };
  const rows = table.rows.map((_, r): StructRef => ({ id: `t${index}r${r}`, role: 'TR', order: r, parent: tableRef }));
  const cells = table.rows.flatMap((r) => r.cells);
  const idOf = (c: { row: number; col: number }) => `t${index}r${c.row}c${c.col}`;
  // A header row holds only column headers and captions (表三's three on top, each 表二 block's own).
  const headerRow = table.rows.map((r) => r.cells.length > 0 && r.cells.every((c) => c.role === 'colHeader' || c.role === 'caption' || c.role === 'corner'));
  /** The header rows nearest above `row`: a value's column headers are there. */
  const headerRowsAbove = (row: number): Set<number> => {
    const out = new Set<number>();
    let r = row - 1;
    while (r >= 0 && !headerRow[r]) r--;
    for (; r >= 0 && headerRow[r]; r--) out.add(r);
    return out;
  };
  const refs = new Map<string, NodeTag>();
  for (const c of cells) {
    const isHeader = c.role !== 'value';
    const above = isHeader ? undefined : headerRowsAbove(c.row);
    const headers = above
      ? cells
          .filter(
            (h) =>
              ((h.role === 'colHeader' || h.role === 'caption') && above.has(h.row) && h.col <= c.col && c.col < h.col + h.colSpan) ||
              (h.role === 'rowHeader' && h.col < c.col && h.row <= c.row && c.row < h.row + h.rowSpan),
          )
          .map(idOf)
      : undefined;
    const ref: StructRef = {
      id: idOf(c),
      role: isHeader ? 'TH' : 'TD',
      order: c.col,
      parent: rows[c.row],
      scope: c.role === 'rowHeader' ? 'Row' : c.role === 'colHeader' || c.role === 'caption' ? 'Column' : undefined,
      headers,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
    };
    // A header row is drawn again on every page the table reaches: there it is an artifact.
    refs.set(idOf(c), { struct: ref, once: c.row < table.headerRows || c.rowSpan > 1 });
  }
  return { table: tableRef, cell: (c) => refs.get(idOf(c)) };
}

/** Type size and line height of a table's text. */
type TableType = { size: number; line: number };
const typeOf = (table: DocTable): TableType =>
  table.small ? { size: FONT_SIZE_PT.tableSmall, line: TABLE_SMALL_LINE_PT } : { size: FONT_SIZE_PT.table, line: TABLE_LINE_PT };

function Cell({ box, fam, type, tags }: { box: Extract<Box, { kind: 'cell' }>; fam: Fam; type: TableType; tags?: TableTags }) {
  const c = box.cell;
  const tag = c.text ? tags?.cell(c) : undefined;
  const inner = box.width - 2 * CELL_PAD_X - RULE;
  // A number longer than the column was sized for (an 8-digit 行政处罚 count) must not wrap: shrink it.
  const size = c.role === 'value' ? Math.min(type.size, inner / Math.max(1, ems(c.text))) : type.size;
  // A header breaks between its words only: the lines are decided here, each fits the cell.
  const text = c.words ? packWords(c.words, (inner - 0.5) / size).join('\n') : c.text;
  return (
    <View
      {...(tag ? tagProp(tag) : {})}
      style={{
        width: box.width,
        flexGrow: 1,
        borderRightWidth: RULE,
        borderBottomWidth: RULE,
        borderColor: '#000',
        paddingHorizontal: CELL_PAD_X,
        paddingVertical: CELL_PAD_Y,
        justifyContent: 'center',
      }}
    >
      {c.continuesUp ? (
        // The segment above drew a bottom rule in case the page breaks there. Here it did not: this
        // segment follows on the same page, so white paint hides that rule and the merged cell
        // reads as one. On a new page this lands on the repeated header's bottom rule, which the
        // header then paints again (its band is painted last, see PdfTable).
        <View
          style={{ position: 'absolute', top: -RULE - PATCH_BLEED, left: 0, right: 0, height: RULE + 2 * PATCH_BLEED, backgroundColor: '#fff' }}
        />
      ) : null}
      {text ? (
        <Text
          style={{
            fontFamily: fam.table,
            fontSize: size,
            lineHeight: `${type.line * (size / type.size)}pt`,
            textAlign: c.align === 'left' ? 'justify' : 'center',
          }}
        >
          {setText(text, size)}
        </Text>
      ) : null}
    </View>
  );
}

function BoxView({ box, fam, type, tags }: { box: Box; fam: Fam; type: TableType; tags?: TableTags }): ReactElement {
  if (box.kind === 'cell') return <Cell box={box} fam={fam} type={type} tags={tags} />;
  return (
    <View style={{ width: box.width, flexGrow: 1, flexDirection: box.kind === 'row' ? 'row' : 'column' }}>
      {box.children.map((b, i) => (
        <BoxView key={i} box={b} fam={fam} type={type} tags={tags} />
      ))}
    </View>
  );
}

function PdfTable({ table, fam, tags }: { table: DocTable; fam: Fam; tags?: TableTags }) {
  const bands = tableBands(table, TEXT_WIDTH - RULE);
  const type = typeOf(table);
  const labels = spanningLabels(table, TEXT_WIDTH - RULE);
  const bandView = (band: Band, i: number) => (
    <View
      key={i}
      // The header repeats on every page the table spans; each row group stays on one page.
      // Only pass `fixed` when true: react-pdf tests `'fixed' in props`, so fixed={false}
      // would still exempt the band from page breaking.
      {...(band.isHeader ? { fixed: true } : {})}
      wrap={false}
      style={{
        borderTopWidth: i === 0 || band.isHeader ? RULE : 0,
        borderLeftWidth: RULE,
        borderColor: '#000',
        // Body bands paint before the header band (react-pdf sorts siblings by zIndex after
        // pagination; an unset zIndex paints above a negative one, as in CSS): where a band
        // opens a continuation page, the white that hides a merged cell's inner rule must not
        // erase the repeated header's bottom rule.
        ...(band.isHeader ? {} : { zIndex: -1 }),
      }}
    >
      <BoxView box={band.box} fam={fam} type={type} tags={tags} />
    </View>
  );
  const out: ReactElement[] = [];
  for (let i = 0; i < bands.length; i++) {
    const label = labels.find((l) => l.rows[0] === bands[i].rows[0]);
    if (!label) {
      out.push(bandView(bands[i], i));
      continue;
    }
    // The bands of a merged cell that spans row groups (表三 三、本年度办理结果) go in one box
    // with the label as a fixed, absolutely placed child: react-pdf repeats it at the top of
    // every page the box spans, so each page of the group shows its label (issue 9, item 18).
    // The document tree keeps each group tall enough for the label (lib/document/tables.ts).
    const inner: ReactElement[] = [];
    let j = i;
    for (; j < bands.length && bands[j].rows[0] < label.rows[1]; j++) inner.push(bandView(bands[j], j));
    const labelTag = tags?.cell(label.cell);
    const overlay = (
      <View
        key="label"
        {...(labelTag ? tagProp(labelTag) : {})}
        fixed
        style={{ position: 'absolute', top: 0, left: RULE + label.left, width: label.width, paddingHorizontal: CELL_PAD_X, paddingTop: CELL_PAD_Y + TABLE_LINE_PT / 2 }}
      >
        <Text style={{ fontFamily: fam.table, fontSize: type.size, lineHeight: `${type.line}pt`, textAlign: 'center' }}>
          {keepSpaces(label.cell.text)}
        </Text>
      </View>
    );
    // The label comes after the first band: a box whose first band moves to the next page leaves
    // nothing behind, not a label without its rows.
    // Painted before the header band too, like the bands it holds (zIndex sorts siblings only).
    out.push(
      <View key={`span${i}`} style={{ zIndex: -1 }}>
        {[inner[0], overlay, ...inner.slice(1)]}
      </View>,
    );
    i = j - 1;
  }
  return (
    // The left rule is drawn per band, not on this container: a container split over two pages
    // stretches to the page foot and would draw its rule below the last row.
    <View {...(tags ? tagProp({ struct: tags.table }) : {})} style={{ marginBottom: LINE_PITCH_PT / 2 }}>
      {out}
    </View>
  );
}

/**
 * How much of what follows a heading must fit on its page (react-pdf minPresenceAhead): two
 * lines of text, plus the lines of the headings directly after it (一、 then （一）), or the
 * start of a table. A little less than the exact figure, so that an exact fit stays.
 */
function presenceAhead(blocks: DocBlock[], i: number): number {
  let ahead = 0;
  let j = i + 1;
  while (blocks[j]?.kind === 'heading') {
    ahead += LINE_PITCH_PT;
    j++;
  }
  const next = blocks[j];
  return ahead + (next?.kind === 'table' ? 4 * LINE_PITCH_PT : 2 * LINE_PITCH_PT) - 1;
}

/** The structure element of a block: title H1, headings H2/H3, paragraphs and notes P (tables: TableTags). */
function blockTag(block: DocBlock, index: number): NodeTag | undefined {
  const role = block.kind === 'title' ? 'H1' : block.kind === 'heading' ? (block.level === 1 ? 'H2' : 'H3') : block.kind === 'table' ? undefined : 'P';
  return role ? { struct: { id: `b${index}`, role, order: index } } : undefined;
}

function Block({ block, fam, ahead, index, tagged }: { block: DocBlock; fam: Fam; ahead: number; index: number; tagged: boolean }) {
  const tag = tagged ? blockTag(block, index) : undefined;
  const t = tag ? tagProp(tag) : {};
  switch (block.kind) {
    case 'title':
      return (
        <View {...t} style={{ marginBottom: titleSpaceAfterPt(block.lines.length) }}>
          {block.lines.map((line, i) => (
            <Text
              key={i}
              style={{ fontFamily: fam.title, fontSize: FONT_SIZE_PT.title, lineHeight: `${TITLE_LINE_PT}pt`, textAlign: 'center' }}
            >
              {keepSpaces(line)}
            </Text>
          ))}
        </View>
      );
    case 'dateLine':
      return (
        <Text
          {...t}
          style={{
            fontFamily: fam.body,
            fontSize: FONT_SIZE_PT.body,
            lineHeight: pitch,
            letterSpacing: GRID_SPACING,
            textAlign: 'center',
            marginTop: -LINE_PITCH_PT / 2,
            marginBottom: LINE_PITCH_PT / 2,
          }}
        >
          {setText(block.text, FONT_SIZE_PT.body, GRID_SPACING)}
        </Text>
      );
    case 'heading':
      return (
        <Text
          {...t}
          // No heading alone at a page foot.
          minPresenceAhead={ahead}
          style={{
            fontFamily: block.level === 1 ? fam.h1 : fam.h2,
            fontSize: FONT_SIZE_PT.body,
            lineHeight: pitch,
            textIndent: GRID_INDENT,
            letterSpacing: GRID_SPACING,
            textAlign: 'justify',
          }}
        >
          {setText(block.text, FONT_SIZE_PT.body, GRID_SPACING)}
        </Text>
      );
    case 'paragraph':
      return (
        <Text
          {...t}
          orphans={2}
          widows={2}
          style={{
            fontFamily: fam.body,
            fontSize: FONT_SIZE_PT.body,
            lineHeight: pitch,
            textIndent: GRID_INDENT,
            letterSpacing: GRID_SPACING,
            textAlign: 'justify',
          }}
        >
          {setText(block.text, FONT_SIZE_PT.body, GRID_SPACING)}
        </Text>
      );
    case 'tableNote':
      return (
        <Text
          {...t}
          style={{
            fontFamily: fam.body,
            fontSize: FONT_SIZE_PT.table + 1.5,
            lineHeight: `${TABLE_LINE_PT + 4}pt`,
            textAlign: 'justify',
            marginTop: -LINE_PITCH_PT / 2 + 2,
            marginBottom: LINE_PITCH_PT / 2,
          }}
        >
          {setText(block.text, FONT_SIZE_PT.table + 1.5)}
        </Text>
      );
    case 'table':
      return <PdfTable table={block.table} fam={fam} tags={tagged ? tableTags(block.table, index) : undefined} />;
  }
}

/** 「— N —」, 4号 宋体, 7 mm under the text block; odd pages right, even pages left, one character in. */
export function PageNumber({ fam, n }: { fam: Fam; n: number }) {
  const top = mm(A4_MM.height - MARGINS_MM.bottom + PAGE_NUMBER_GAP_MM) - FONT_SIZE_PT.pageNumber * 0.35;
  const odd = n % 2 === 1;
  return (
    <Text
      style={{
        position: 'absolute',
        top,
        ...(odd ? { right: mm(MARGINS_MM.right) + FONT_SIZE_PT.pageNumber } : { left: mm(MARGINS_MM.left) + FONT_SIZE_PT.pageNumber }),
        fontFamily: fam.pageNumber,
        fontSize: FONT_SIZE_PT.pageNumber,
        lineHeight: `${FONT_SIZE_PT.pageNumber * 1.2}pt`,
      }}
    >
      {`— ${n} —`}
    </Text>
  );
}

function Watermark({ fam }: { fam: Fam }) {
  return (
    <View
      style={{
        position: 'absolute',
        top: mm(MARGINS_MM.top + TEXT_BLOCK_MM.height / 2) - 80,
        left: 0,
        right: 0,
        height: 160,
        alignItems: 'center',
        justifyContent: 'center',
        transform: 'rotate(-30deg)',
      }}
    >
      <Text style={{ fontFamily: fam.h1, fontSize: 110, lineHeight: '130pt', color: '#000', opacity: 0.07 }}>
        {WATERMARK}
      </Text>
    </View>
  );
}

export function familiesOf(setup: FontSetup): Fam {
  return {
    title: roleFamilies(setup, 'title'),
    h1: roleFamilies(setup, 'heading1'),
    h2: roleFamilies(setup, 'heading2'),
    body: roleFamilies(setup, 'body'),
    table: roleFamilies(setup, 'table'),
    pageNumber: roleFamilies(setup, 'pageNumber'),
  };
}

/** What the renderer's `tagger` hook gets for a final copy: XMP-safe metadata, then the structure tree. */
const archivalTagger = (ctx: Parameters<typeof createTagger>[0] & Parameters<typeof escapeXmpInfo>[0]) => {
  escapeXmpInfo(ctx);
  return createTagger(ctx);
};

export function ReportPdf({ doc, fonts, options }: { doc: DocumentTree; fonts: FontSetup; options: PdfRenderOptions }) {
  const fam = familiesOf(fonts);
  return (
    <Document
      title={doc.meta.title}
      author={doc.meta.author}
      subject={doc.meta.subject}
      keywords={doc.meta.keywords.join(', ')}
      language={doc.meta.language}
      creator="nianbao"
      producer="nianbao (@react-pdf/renderer)"
      // Only pass them when set: a draft's PDF stays byte for byte what it was (PDF 1.3, no XMP, no tags).
      {...(conformanceOf(options) ? { conformance: conformanceOf(options), tagger: archivalTagger } : {})}
    >
      <Page
        // The page template draws the chrome of every page. It also selects react-pdf's new
        // pagination engine, which measures content once: about half the render time of the
        // classic engine, where `render` page numbers force a second layout of every page.
        layout={({ children, pageNumber }) => (
          <>
            {options.final ? null : <Watermark fam={fam} />}
            {children}
            <PageNumber fam={fam} n={pageNumber ?? 0} />
          </>
        )}
        size="A4"
        style={{
          paddingTop: mm(MARGINS_MM.top),
          paddingBottom: mm(MARGINS_MM.bottom),
          paddingLeft: mm(MARGINS_MM.left),
          paddingRight: mm(MARGINS_MM.right),
        }}
      >
        {doc.blocks.map((b, i) => (
          <Block key={i} block={b} fam={fam} index={i} tagged={Boolean(conformanceOf(options))} ahead={b.kind === 'heading' ? presenceAhead(doc.blocks, i) : 0} />
        ))}
      </Page>
    </Document>
  );
}

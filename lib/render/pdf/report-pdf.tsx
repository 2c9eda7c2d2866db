/**
 * The document tree as a react-pdf <Document>. Layout numbers come from ../page-layout.ts.
 * Line heights sit on the text styles, never on <Page> or a wrapping <View> (DESIGN §4).
 */
import { Document, Page, Text, View } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import type { DocBlock, DocumentTree, DocTable } from '../../document/types';
import { roleFamilies, type FontSetup } from '../fonts';
import {
  A4_MM,
  CHAR_PITCH_PT,
  FONT_SIZE_PT,
  LINE_PITCH_PT,
  MARGINS_MM,
  PAGE_NUMBER_GAP_MM,
  TABLE_LINE_PT,
  TEXT_BLOCK_MM,
  TITLE_LINE_PT,
  mm,
  titleSpaceAfterPt,
} from '../page-layout';
import { keepSpaces } from './cjk-break';
import { tableBands, type Box } from './table-boxes';

export type PdfRenderOptions = {
  /** false (a draft): a light 「草稿」 watermark on every page. Only an approved report renders final. */
  final: boolean;
};

/** Printed on drafts: wording of the issue, not of the template. */
const WATERMARK = '草稿';
const RULE = 0.75;
const TEXT_WIDTH = mm(TEXT_BLOCK_MM.width);
const CELL_PAD_X = 2;
const CELL_PAD_Y = 2.5;
/** How far white paint that hides a rule reaches past it, so no anti-aliased trace is left. */
const PATCH_BLEED = 0.3;

type Fam = { title: string[]; h1: string[]; h2: string[]; body: string[]; table: string[]; pageNumber: string[] };

const pitch = `${LINE_PITCH_PT}pt`;

/**
 * Body and heading text on the GB/T 9704 grid of 28 characters a line. textkit adds
 * letterSpacing to every glyph's advance (the last included), so a line of 28 full-width
 * characters is 28 × (16 + spacing) wide. A hair under the exact pitch, so that rounding in the
 * sum of 28 advances never pushes the 28th character to the next line.
 */
const GRID_SPACING = CHAR_PITCH_PT - FONT_SIZE_PT.body - 0.001;
/** The two-character first-line indent, in grid characters. */
const GRID_INDENT = 2 * CHAR_PITCH_PT;

/** Estimated width of a string in em (CJK 1, ASCII about 0.55 in these fonts). */
function ems(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.55 : 1;
  return w;
}

function Cell({ box, fam }: { box: Extract<Box, { kind: 'cell' }>; fam: Fam }) {
  const c = box.cell;
  const inner = box.width - 2 * CELL_PAD_X - RULE;
  // A long number (a city's 行政处罚 count) must not wrap inside a narrow value column: shrink it.
  const size = c.role === 'value' ? Math.min(FONT_SIZE_PT.table, inner / Math.max(1, ems(c.text))) : FONT_SIZE_PT.table;
  return (
    <View
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
      {c.text ? (
        <Text
          style={{
            fontFamily: fam.table,
            fontSize: size,
            lineHeight: `${TABLE_LINE_PT * (size / FONT_SIZE_PT.table)}pt`,
            textAlign: c.align === 'left' ? 'justify' : 'center',
          }}
        >
          {keepSpaces(c.text)}
        </Text>
      ) : null}
    </View>
  );
}

function BoxView({ box, fam }: { box: Box; fam: Fam }): ReactElement {
  if (box.kind === 'cell') return <Cell box={box} fam={fam} />;
  return (
    <View style={{ width: box.width, flexGrow: 1, flexDirection: box.kind === 'row' ? 'row' : 'column' }}>
      {box.children.map((b, i) => (
        <BoxView key={i} box={b} fam={fam} />
      ))}
    </View>
  );
}

function PdfTable({ table, fam }: { table: DocTable; fam: Fam }) {
  const bands = tableBands(table, TEXT_WIDTH - RULE);
  return (
    // The left rule is drawn per band, not on this container: a container split over two pages
    // stretches to the page foot and would draw its rule below the last row.
    <View style={{ marginBottom: LINE_PITCH_PT / 2 }}>
      {bands.map((band, i) => (
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
          <BoxView box={band.box} fam={fam} />
        </View>
      ))}
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

function Block({ block, fam, ahead }: { block: DocBlock; fam: Fam; ahead: number }) {
  switch (block.kind) {
    case 'title':
      return (
        <View style={{ marginBottom: titleSpaceAfterPt(block.lines.length) }}>
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
          {keepSpaces(block.text)}
        </Text>
      );
    case 'heading':
      return (
        <Text
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
          {keepSpaces(block.text)}
        </Text>
      );
    case 'paragraph':
      return (
        <Text
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
          {keepSpaces(block.text)}
        </Text>
      );
    case 'tableNote':
      return (
        <Text
          style={{
            fontFamily: fam.body,
            fontSize: FONT_SIZE_PT.table + 1.5,
            lineHeight: `${TABLE_LINE_PT + 4}pt`,
            textAlign: 'justify',
            marginTop: -LINE_PITCH_PT / 2 + 2,
            marginBottom: LINE_PITCH_PT / 2,
          }}
        >
          {keepSpaces(block.text)}
        </Text>
      );
    case 'table':
      return <PdfTable table={block.table} fam={fam} />;
  }
}

/** 「— N —」, 4号 宋体, 7 mm under the text block; odd pages right, even pages left, one character in. */
function PageNumber({ fam, n }: { fam: Fam; n: number }) {
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
          <Block key={i} block={b} fam={fam} ahead={b.kind === 'heading' ? presenceAhead(doc.blocks, i) : 0} />
        ))}
      </Page>
    </Document>
  );
}

/**
 * What every PDF of ours shares (the report, lib/render/pdf/report-pdf.tsx, and the district
 * insight, ./insight-pdf.tsx): the A4 page with the GB/T 9704 margins and 「— N —」 page numbers,
 * the font families of each role, text on the 28-character grid with 标点挤压, and the title,
 * heading and paragraph styles. Numbers come from lib/document/page-layout.ts, fonts from ../fonts.ts.
 * Line heights sit on the text styles, never on <Page> or a wrapping <View> (design §4.4).
 */
import { Page, Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { roleFamilies, type FontSetup } from '../fonts';
import {
  A4_MM,
  CHAR_PITCH_PT,
  FONT_SIZE_PT,
  LINE_PITCH_PT,
  MARGINS_MM,
  PAGE_NUMBER_GAP_MM,
  TABLE_RULE_PT,
  TEXT_BLOCK_MM,
  TITLE_LINE_PT,
  mm,
  CELL_PAD_Y_PT,
} from '../../document/page-layout';
import { punctuationRuns } from '../punctuation';
import { keepSpaces } from './cjk-break';

/** The font families of each role (the first that has a character draws it). */
export type Fam = { title: string[]; h1: string[]; h2: string[]; body: string[]; table: string[]; pageNumber: string[] };

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

export const pitch = `${LINE_PITCH_PT}pt`;
export const TEXT_WIDTH = mm(TEXT_BLOCK_MM.width);
export const RULE = TABLE_RULE_PT;
export const CELL_PAD_Y = CELL_PAD_Y_PT;

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

/** Props a block passes through to its outer element (the structure tag of a final copy). */
type Tagged = object;

/** The title, centred, one <Text> per balanced line; `marginBottom` the space before the text. */
export function TitleLines({ lines, fam, marginBottom, tag = {} }: { lines: string[]; fam: Fam; marginBottom: number; tag?: Tagged }) {
  return (
    <View {...tag} style={{ marginBottom }}>
      {lines.map((line, i) => (
        <Text key={i} style={{ fontFamily: fam.title, fontSize: FONT_SIZE_PT.title, lineHeight: `${TITLE_LINE_PT}pt`, textAlign: 'center' }}>
          {keepSpaces(line)}
        </Text>
      ))}
    </View>
  );
}

/** A line under the title, centred on the grid (a report's date, the insight's 数据截至…). */
export function DateLine({ text, fam, marginTop, tag = {} }: { text: string; fam: Fam; marginTop?: number; tag?: Tagged }) {
  return (
    <Text
      {...tag}
      style={{
        fontFamily: fam.body,
        fontSize: FONT_SIZE_PT.body,
        lineHeight: pitch,
        letterSpacing: GRID_SPACING,
        textAlign: 'center',
        ...(marginTop === undefined ? {} : { marginTop }),
        marginBottom: LINE_PITCH_PT / 2,
      }}
    >
      {setText(text, FONT_SIZE_PT.body, GRID_SPACING)}
    </Text>
  );
}

/** Body-size text on the grid, first line indented two characters, justified. */
const gridText = (fontFamily: string[]) =>
  ({ fontFamily, fontSize: FONT_SIZE_PT.body, lineHeight: pitch, textIndent: GRID_INDENT, letterSpacing: GRID_SPACING, textAlign: 'justify' }) as const;

/** A heading (一、 in 黑体, （一） in 楷体) on the grid; `ahead`: what must fit below it on its page. */
export function Heading({ text, level, fam, ahead, tag = {} }: { text: string; level: 1 | 2; fam: Fam; ahead: number; tag?: Tagged }) {
  return (
    <Text
      {...tag}
      // No heading alone at a page foot.
      minPresenceAhead={ahead}
      style={gridText(level === 1 ? fam.h1 : fam.h2)}
    >
      {setText(text, FONT_SIZE_PT.body, GRID_SPACING)}
    </Text>
  );
}

/** A body paragraph on the grid: two characters indented, justified, no widow or orphan line. */
export function Paragraph({ text, fam, tag = {} }: { text: string; fam: Fam; tag?: Tagged }) {
  return (
    <Text
      {...tag}
      orphans={2}
      widows={2}
      style={gridText(fam.body)}
    >
      {setText(text, FONT_SIZE_PT.body, GRID_SPACING)}
    </Text>
  );
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

/**
 * The A4 page every block flows over, with the page number on each page and `under` (a draft's
 * watermark) beneath the text. The page template also selects react-pdf's new pagination
 * engine, which measures content once: about half the render time of the classic engine, where
 * `render` page numbers force a second layout of every page.
 */
export function A4Page({ fam, under, children }: { fam: Fam; under?: ReactNode; children: ReactNode }) {
  return (
    <Page
      layout={({ children: content, pageNumber }) => (
        <>
          {under}
          {content}
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
      {children}
    </Page>
  );
}

/** Rows a table keeps under its header where it starts: never its header and one row at a page foot. */
export const ROWS_WITH_HEADER = 3;

/**
 * Where a band carries it, the page may not break just after it: react-pdf's paginator
 * (@react-pdf/paginate) turns a minPresenceAhead into a "forbid" mark after the band and never
 * records a break just before such a mark. The window's length does not matter — it is a mark,
 * not a measure.
 */
export const KEEP_WITH_NEXT = { minPresenceAhead: 0.01 } as const;

/**
 * The bands of a table (rows in each; 0 for its header) after which the page may not break
 * where the table starts: the header's, and each body band until ROWS_WITH_HEADER rows are
 * reached — so when the first rows do not fit, nothing of the table stays on the page and it
 * starts on the next one (with the heading above it, which asks the same). On a continuation
 * page the repeated header comes without the mark.
 */
export function keptWithHeader(rowsPerBand: readonly number[]): boolean[] {
  let rows = 0;
  return rowsPerBand.map((n) => {
    rows += n;
    return rows < ROWS_WITH_HEADER;
  });
}

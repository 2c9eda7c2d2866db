/**
 * The district insight (lib/insight/print.ts) as a react-pdf <Document>, on the report's page:
 * A4, the GB/T 9704 margins, title 2号, headings 黑体/楷体 3号 and body 3号 on the 28 × 22 grid,
 * tables in 五号 with 0.75 pt rules and their header repeated on every page, page numbers
 * 「— N —」 on the outer side — the page, title, heading and paragraph of ./common.tsx. Numbers
 * come from lib/document/page-layout.ts, fonts from ../fonts.ts.
 *
 * Charts are drawn by ECharts here, in the worker (lib/insight/charts.ts), at a width where its
 * 12 px labels print at 9 pt (小五), and placed as vectors through ./svg-chart.tsx; their text
 * uses the 黑体 role's fonts.
 */
import { Document, Text, View, renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { createElement, Fragment, type ReactElement } from 'react';
import type { InsightPrint, PrintBlock, PrintChart, PrintRow, PrintTable } from '../../insight/print';
import { chartHeight, renderChartSvg } from '../../insight/charts';
import { resolveFonts, type FontOptions, type FontSetup } from '../fonts';
import { CELL_PAD_X_PT, FONT_SIZE_PT, LINE_PITCH_PT, TABLE_LINE_PT, titleSpaceAfterPt } from '../../document/page-layout';
import { keepSpaces } from './cjk-break';
import { A4Page, CELL_PAD_Y, DateLine, familiesOf, Heading, KEEP_WITH_NEXT, keptWithHeader, Paragraph, RULE, setText, TEXT_WIDTH, TitleLines, type Fam } from './common';
import { registerFonts } from './render-in-process';
import { drawable } from './missing-glyphs';
import { svgToPdf } from './svg-chart';

/** Chart labels: ECharts' 12 px at this scale are 9 pt on paper. */
const CHART_SCALE = 0.75;
/** The drawing's width in ECharts units: the text block at CHART_SCALE. */
export const CHART_PDF_WIDTH = Math.round(TEXT_WIDTH / CHART_SCALE);
/** A unit's name beside its bar: 17 characters before it is cut (the page has 12). */
const CATEGORY_LABEL_WIDTH = 204;
/** Under a note line in a cell: 小五. */
const NOTE_SIZE = FONT_SIZE_PT.tableSmall;

function CellText({ text, note, align, fam }: { text: string; note?: string; align: 'left' | 'center'; fam: Fam }) {
  return (
    <>
      {text ? (
        // Left, not justified: a formula's spaces around ÷ and + would stretch.
        <Text style={{ fontFamily: fam.table, fontSize: FONT_SIZE_PT.table, lineHeight: `${TABLE_LINE_PT}pt`, textAlign: align }}>
          {setText(text, FONT_SIZE_PT.table)}
        </Text>
      ) : null}
      {note
        ? // One line per item (a cell and its value).
          note.split('\n').map((line, i) => (
            <Text key={i} style={{ fontFamily: fam.table, fontSize: NOTE_SIZE, lineHeight: `${NOTE_SIZE + 2.5}pt`, textAlign: align }}>
              {setText(line, NOTE_SIZE)}
            </Text>
          ))
        : null}
    </>
  );
}

function TableView({ table, fam }: { table: PrintTable; fam: Fam }) {
  const inner = TEXT_WIDTH - RULE;
  const widths = table.columns.map((c) => c.width * inner);
  const cellStyle = (width: number) => ({
    width,
    borderRightWidth: RULE,
    borderBottomWidth: RULE,
    borderColor: '#000',
    paddingHorizontal: CELL_PAD_X_PT,
    paddingVertical: CELL_PAD_Y,
    justifyContent: 'center' as const,
  });
  const rowStyle = { flexDirection: 'row' as const, borderLeftWidth: RULE, borderColor: '#000' };
  const rowView = (row: PrintRow, key: number) =>
    row.kind === 'group' ? (
      <View key={key} style={rowStyle}>
        <View style={cellStyle(inner)}>
          <Text style={{ fontFamily: fam.h1, fontSize: FONT_SIZE_PT.table, lineHeight: `${TABLE_LINE_PT}pt` }}>{keepSpaces(row.text)}</Text>
        </View>
      </View>
    ) : (
      <View key={key} style={rowStyle}>
        {row.cells.map((c, i) => (
          <View key={i} style={cellStyle(widths[i])}>
            <CellText text={c.text} note={c.note} align={table.columns[i].align} fam={fam} />
          </View>
        ))}
      </View>
    );
  // A group's label stays on the page of its first row.
  const bands: PrintRow[][] = [];
  for (const row of table.rows) {
    const last = bands.at(-1);
    if (last && last.length === 1 && last[0].kind === 'group') last.push(row);
    else bands.push([row]);
  }
  // Never the header and one row at a page foot (as the report's tables).
  const kept = keptWithHeader([0, ...bands.map((band) => band.length)]);
  return (
    <>
      {/* The left rule is drawn per row: a container split over two pages would draw it to the page foot. */}
      <View>
        <View fixed {...KEEP_WITH_NEXT} wrap={false} style={{ flexDirection: 'row', borderTopWidth: RULE, borderLeftWidth: RULE, borderColor: '#000' }}>
        {table.columns.map((c, i) => (
          <View key={i} style={cellStyle(widths[i])}>
            <CellText text={c.label} align="center" fam={fam} />
          </View>
        ))}
      </View>
        {bands.map((band, b) => (
          <View key={b} {...(kept[b + 1] ? KEEP_WITH_NEXT : {})} wrap={false}>
            {band.map((row, r) => rowView(row, r))}
          </View>
        ))}
      </View>
    </>
  );
}

/** A chart with its caption, kept on one page; drawn as vectors, its labels in the 黑体 role's fonts. */
function ChartView({ chart, fam }: { chart: PrintChart; fam: Fam }) {
  const svg = renderChartSvg(chart.spec, { width: CHART_PDF_WIDTH, fontFamily: fam.h1[0], valueMax: chart.valueMax, categoryLabelWidth: CATEGORY_LABEL_WIDTH });
  return (
    <View wrap={false} style={{ marginTop: LINE_PITCH_PT / 4, marginBottom: LINE_PITCH_PT / 2 }}>
      <Text style={{ fontFamily: fam.h1, fontSize: FONT_SIZE_PT.table + 1.5, lineHeight: `${TABLE_LINE_PT + 4}pt`, textAlign: 'center', marginBottom: 4 }}>
        {keepSpaces(chart.caption)}
      </Text>
      {svgToPdf(svg, { width: TEXT_WIDTH, fontFamily: fam.h1 })}
    </View>
  );
}

/** Height of a chart on the page, in points (for tests and layout checks). */
export function chartPrintHeight(chart: PrintChart): number {
  return (chartHeight(chart.spec) * TEXT_WIDTH) / CHART_PDF_WIDTH;
}

function Block({ block, fam }: { block: PrintBlock; fam: Fam }) {
  switch (block.kind) {
    case 'heading':
      // A heading never stays alone at a page foot: at least a table header, or two lines.
      return <Heading text={block.text} level={block.level} fam={fam} ahead={4 * LINE_PITCH_PT - 1} />;
    case 'paragraph':
      return <Paragraph text={block.text} fam={fam} />;
    case 'table':
      return <TableView table={block.table} fam={fam} />;
    case 'chart':
      return <ChartView chart={block.chart} fam={fam} />;
  }
}

export function InsightPdf({ print, fonts }: { print: InsightPrint; fonts: FontSetup }) {
  const fam = familiesOf(fonts);
  return (
    <Document
      title={print.title}
      author={print.meta.author}
      subject={print.meta.subject}
      keywords={print.meta.keywords.join(', ')}
      language="zh-CN"
      creator="nianbao"
      producer="nianbao (@react-pdf/renderer)"
    >
      <A4Page fam={fam}>
        <TitleLines lines={print.titleLines} fam={fam} marginBottom={titleSpaceAfterPt(print.titleLines.length) - LINE_PITCH_PT / 2} />
        <DateLine text={print.dateLine} fam={fam} />
        {print.blocks.map((b, i) => (
          <Fragment key={i}>
            <Block block={b} fam={fam} />
            {/* Half a line under a table, before what follows — not the table's margin: at a page
                foot that carried the table over to the next page, where its fixed header stood
                alone; and nothing after the last block, which would open an empty page. */}
            {b.kind === 'table' && i < print.blocks.length - 1 && <View style={{ height: LINE_PITCH_PT / 2 }} />}
          </Fragment>
        ))}
      </A4Page>
    </Document>
  );
}

/** Renders the insight in the calling thread (the pool's workers call this). */
export async function renderInsightPdfInProcess(print: InsightPrint, fonts?: FontOptions): Promise<Buffer> {
  const setup = resolveFonts(fonts);
  registerFonts(setup);
  // An agency name with a character no font of ours has prints it as 〓 (missing-glyphs.ts).
  const drawn = drawable(print, Object.values(setup.roles).map((r) => r.faces));
  return renderToBuffer(createElement(InsightPdf, { print: drawn, fonts: setup }) as unknown as ReactElement<DocumentProps>);
}

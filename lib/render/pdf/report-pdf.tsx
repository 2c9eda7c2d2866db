/**
 * The document tree as a react-pdf <Document>: the page, text styles and page numbers are
 * ./common.tsx's (shared with the insight's PDF), the tables ./report-table.tsx's. Layout
 * numbers come from lib/document/page-layout.ts.
 */
import { Document, Text, View } from '@react-pdf/renderer';
import type { DocBlock, DocumentTree } from '../../document/types';
import type { FontSetup } from '../fonts';
import { FONT_SIZE_PT, LINE_PITCH_PT, MARGINS_MM, TABLE_LINE_PT, TEXT_BLOCK_MM, mm, titleSpaceAfterPt } from '../../document/page-layout';
import { A4Page, DateLine, familiesOf, Heading, Paragraph, setText, TitleLines, type Fam } from './common';
import { PdfTable, tableTags } from './report-table';
import { escapeXmpInfo } from './pdfa';
import { createTagger, tagProp, type NodeTag } from './tagging';

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
      return <TitleLines lines={block.lines} fam={fam} marginBottom={titleSpaceAfterPt(block.lines.length)} tag={t} />;
    case 'dateLine':
      return <DateLine text={block.text} fam={fam} marginTop={-LINE_PITCH_PT / 2} tag={t} />;
    case 'heading':
      return <Heading text={block.text} level={block.level} fam={fam} ahead={ahead} tag={t} />;
    case 'paragraph':
      return <Paragraph text={block.text} fam={fam} tag={t} />;
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
      <A4Page fam={fam} under={options.final ? null : <Watermark fam={fam} />}>
        {doc.blocks.map((b, i) => (
          <Block key={i} block={b} fam={fam} index={i} tagged={Boolean(conformanceOf(options))} ahead={b.kind === 'heading' ? presenceAhead(doc.blocks, i) : 0} />
        ))}
      </A4Page>
    </Document>
  );
}

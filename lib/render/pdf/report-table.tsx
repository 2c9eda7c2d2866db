/**
 * A table of the document tree (表二/三/四) as react-pdf views: bands of rows that keep together,
 * the header band repeated on every page, merged cells drawn as one, a label that spans row
 * groups repeated on each page of its group, and — in a final copy — the structure tags of a
 * table (TH/TD with scope and headers).
 */
import type { ReactElement } from 'react';
import { Text, View } from '@react-pdf/renderer';
import { packWords } from '../../document/header-words';
import type { DocTable } from '../../document/types';
import { CELL_PAD_X_PT, FONT_SIZE_PT, LINE_PITCH_PT, TABLE_LINE_PT, TABLE_SMALL_LINE_PT } from '../../document/page-layout';
import { keepSpaces } from './cjk-break';
import { CELL_PAD_Y, KEEP_WITH_NEXT, keptWithHeader, RULE, setText, TEXT_WIDTH, type Fam } from './common';
import { spanningLabels, tableBands, type Band, type Box } from './table-boxes';
import { tagProp, type NodeTag, type StructRef } from './tagging';

const CELL_PAD_X = CELL_PAD_X_PT;
/** How far white paint that hides a rule reaches past it, so no anti-aliased trace is left. */
const PATCH_BLEED = 0.3;

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
export type TableTags = { table: StructRef; cell: (c: { row: number; col: number }) => NodeTag | undefined };

export function tableTags(table: DocTable, index: number): TableTags {
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

/** The bands kept with the table's header where it starts (`keptWithHeader`, common.tsx). */
const bandsKept = (bands: Band[]) => keptWithHeader(bands.map((band) => (band.isHeader ? 0 : band.rows[1] - band.rows[0])));

export function PdfTable({ table, fam, tags }: { table: DocTable; fam: Fam; tags?: TableTags }) {
  const bands = tableBands(table, TEXT_WIDTH - RULE);
  const type = typeOf(table);
  const labels = spanningLabels(table, TEXT_WIDTH - RULE);
  const kept = bandsKept(bands);
  const bandView = (band: Band, i: number) => (
    <View
      key={i}
      // The header repeats on every page the table spans; each row group stays on one page.
      // Only pass `fixed` when true: react-pdf tests `'fixed' in props`, so fixed={false}
      // would still exempt the band from page breaking.
      {...(band.isHeader ? { fixed: true } : {})}
      {...(kept[i] ? KEEP_WITH_NEXT : {})}
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

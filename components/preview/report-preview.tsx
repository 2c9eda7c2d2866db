'use client';
import { memo, type CSSProperties } from 'react';
import type { DocBlock, DocTable, DocumentTree } from '@/lib/document/types';
import { TITLE_LINE_PT, titleSpaceAfterPt } from '@/lib/document/page-layout';
import { phoneColumns } from '@/lib/render/html/phone-columns';
import { punctuationRuns } from '@/lib/render/punctuation';
import { cellId } from '@/lib/report/cells';

/** Text with 标点挤压 as in the PDF: a mark that meets another is set half an em narrower. */
function Squeezed({ text }: { text: string }) {
  const runs = punctuationRuns(text);
  if (!runs) return <>{text}</>;
  return (
    <>
      {runs.map((r, i) =>
        r.squeeze ? (
          <span key={i} className="sq">
            {r.text}
          </span>
        ) : (
          r.text
        ),
      )}
    </>
  );
}

/**
 * The live preview: the same document tree the PDF and the DOCX are rendered from, laid out
 * as HTML on an A4-wide sheet with the GB/T 9704 type sizes. Numbering, headings, paragraphs
 * and table structure are therefore identical to the printed report; only the page breaks are
 * the PDF's own. React escapes every text, so nothing typed can become markup.
 */
/** Cell id (`table.row.col`) → a mark shown on the cell (the import review's doubts). */
export type CellMarks = ReadonlyMap<string, 'unsure' | 'missing'>;

function PreviewTable({ table, marks }: { table: DocTable; marks?: CellMarks }) {
  const head = table.rows.slice(0, table.headerRows);
  const body = table.rows.slice(table.headerRows);
  // On a phone (CSS in globals.css, below 600 px) as on the publication page: the columns in
  // em, scrolling sideways, the row labels sticky at the left.
  const narrow = phoneColumns(table);
  const row = (r: DocTable['rows'][number], i: number, header: boolean) => (
    <tr key={i}>
      {r.cells.map((c) => {
        const Tag = c.role === 'value' ? 'td' : 'th';
        const mark = c.ref ? marks?.get(cellId(c.ref)) : undefined;
        return (
          <Tag
            key={`${c.row}.${c.col}`}
            rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
            colSpan={c.colSpan > 1 ? c.colSpan : undefined}
            scope={header && Tag === 'th' ? 'col' : undefined}
            className={[c.role, c.align, c.isBlank ? 'blank' : '', mark ? `mark-${mark}` : '', c.col < narrow.labels && c.role !== 'caption' ? 'stick' : '']
              .filter(Boolean)
              .join(' ')}
            style={c.col < narrow.labels ? ({ '--left': `${narrow.lefts[c.col]}em` } as CSSProperties) : undefined}
            data-cell={c.ref ? cellId(c.ref) : undefined}
            title={mark === 'missing' ? '未能识别' : mark === 'unsure' ? '识别结果不确定，请核对' : undefined}
          >
            {c.words
              ? // A header breaks between its words only (自然人 stays whole).
                c.words.map((w, k) => (
                  <span key={k} className="w">
                    {w}
                  </span>
                ))
              : <Squeezed text={c.text} />}
          </Tag>
        );
      })}
    </tr>
  );
  return (
    <div className="doc-table-scroll" tabIndex={-1}>
      <table
        className={table.small ? 'doc-table small' : 'doc-table'}
        data-table={table.key}
        style={{ '--narrow-width': `${narrow.total}em` } as CSSProperties}
      >
        <colgroup>
          {table.columnWidths.map((w, i) => (
            <col key={i} style={{ width: `${(w * 100).toFixed(3)}%`, '--narrow-col': `${narrow.widths[i]}em` } as CSSProperties} />
          ))}
        </colgroup>
        {head.length > 0 && <thead>{head.map((r, i) => row(r, i, true))}</thead>}
        <tbody>{body.map((r, i) => row(r, i, false))}</tbody>
      </table>
    </div>
  );
}

function Block({ block, marks }: { block: DocBlock; marks?: CellMarks }) {
  switch (block.kind) {
    case 'title':
      return (
        <h1 className="doc-title" style={{ lineHeight: `${TITLE_LINE_PT}pt`, marginBottom: `${titleSpaceAfterPt(block.lines.length)}pt` }}>
          {block.lines.map((l, i) => (
            <span key={i}>{l}</span>
          ))}
        </h1>
      );
    case 'dateLine':
      return (
        <p className="doc-date">
          <Squeezed text={block.text} />
        </p>
      );
    case 'heading':
      return block.level === 1 ? (
        <h2 className="doc-h1">
          <Squeezed text={block.text} />
        </h2>
      ) : (
        <h3 className="doc-h2">
          <Squeezed text={block.text} />
        </h3>
      );
    case 'paragraph':
      return (
        <p className="doc-p">
          <Squeezed text={block.text} />
        </p>
      );
    case 'tableNote':
      return (
        <p className="doc-note">
          <Squeezed text={block.text} />
        </p>
      );
    case 'table':
      return <PreviewTable table={block.table} marks={marks} />;
  }
}

function ReportPreviewInner({ doc, isDraft, marks }: { doc: DocumentTree; isDraft: boolean; marks?: CellMarks }) {
  return (
    <div className="doc-sheet" data-testid="preview" data-draft={isDraft ? 'true' : undefined} lang="zh-CN">
      {doc.blocks.map((b, i) => (
        <Block key={i} block={b} marks={marks} />
      ))}
    </div>
  );
}

export const ReportPreview = memo(ReportPreviewInner);

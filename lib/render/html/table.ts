/**
 * A document table as an accessible HTML <table>: every header cell a <th> with an id and a
 * scope, every value cell a <td> whose `headers` lists its row labels and column headers, so a
 * screen reader announces 「一、本年新收政府信息公开申请数量 自然人 12」 although the headers are
 * merged across rows and columns (WCAG 1.3.1, technique H43).
 */
import type { DocCell, DocTable } from '../../document/types';
import { escapeHtml } from '../../escape-html';
import { phoneColumns, type PhoneColumns } from './phone-columns';


const cellId = (table: DocTable, c: DocCell) => `${table.key}-r${c.row}c${c.col}`;
const overlaps = (a: DocCell, b: DocCell) => a.col < b.col + b.colSpan && b.col < a.col + a.colSpan;

/** Header ids of each value cell: row labels to its left, then the column headers above it (outermost first). */
export function valueHeaders(table: DocTable): Map<DocCell, string[]> {
  const out = new Map<DocCell, string[]>();
  const rowHeaders: DocCell[] = [];
  // The header lines that apply: 表二 starts a new run at each block (caption + header line).
  let columnHeaders: DocCell[] = [];
  let lastWasHeader = false;
  table.rows.forEach((row, r) => {
    const isHeaderRow = row.cells.length > 0 && row.cells.every((c) => c.role === 'colHeader' || c.role === 'caption' || c.role === 'corner');
    if (isHeaderRow) {
      if (!lastWasHeader) columnHeaders = [];
      columnHeaders.push(...row.cells.filter((c) => c.role !== 'corner'));
      lastWasHeader = true;
      return;
    }
    lastWasHeader = false;
    rowHeaders.push(...row.cells.filter((c) => c.role === 'rowHeader'));
    for (const c of row.cells) {
      if (c.role !== 'value') continue;
      const rows = rowHeaders.filter((h) => h.col < c.col && h.row <= r && r < h.row + h.rowSpan).sort((a, b) => a.col - b.col);
      const cols = columnHeaders.filter((h) => overlaps(h, c));
      out.set(c, [...rows, ...cols].map((h) => cellId(table, h)));
    }
  });
  return out;
}

function scopeOf(c: DocCell): string {
  if (c.role === 'rowHeader') return c.rowSpan > 1 ? 'rowgroup' : 'row';
  return c.colSpan > 1 ? 'colgroup' : 'col';
}

/**
 * Per-table CSS for narrow screens: columns in ems (the labels capped, the values wide enough
 * to read) and the left offset of each sticky label column.
 */
function narrowStyle(table: DocTable, phone: PhoneColumns): string {
  const rules = phone.widths.map((w, i) => `#${table.key} col.c${i}{width:${w.toFixed(2)}em}`);
  phone.lefts.forEach((left, i) => rules.push(`#${table.key} .k${i}{left:${left.toFixed(2)}em}`));
  rules.push(`#${table.key}{width:${phone.total.toFixed(2)}em}`);
  return rules.join('');
}

function cellHtml(table: DocTable, c: DocCell, headers: Map<DocCell, string[]>, labels: number): string {
  const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
  const sticky = c.col < labels ? ` stick k${c.col}` : '';
  const text = escapeHtml(c.text);
  if (c.role === 'value') {
    const ids = headers.get(c) ?? [];
    return `<td${span} class="num${c.isBlank ? ' blank' : ''}" headers="${ids.join(' ')}">${text}</td>`;
  }
  // The corner holds a note on the columns' arithmetic, not a header of any cell.
  if (c.role === 'corner') return `<td${span} class="corner${sticky}">${text}</td>`;
  return `<th${span} id="${cellId(table, c)}" scope="${scopeOf(c)}" class="${c.role} ${c.align}${sticky}">${text}</th>`;
}

/** The table, and its column widths as CSS: the PDF's proportions, and ems for a phone. */
/** One <tbody> per keep-together group, so that print does not split 表二's blocks or 表三's row groups. */
function groupBodies(rows: DocTable['rows'], row: (r: DocTable['rows'][number]) => string): string {
  // A rowspan cannot cross a <tbody>: a table with a cell spanning groups (表三's
  // 三、本年度办理结果) stays one body, its rows kept whole by the print style sheet.
  const groupEnd = new Map<number, number>();
  rows.forEach((r, i) => groupEnd.set(r.group, i));
  const spansGroups = rows.some((r, i) => r.cells.some((c) => i + c.rowSpan - 1 > groupEnd.get(r.group)!));
  if (spansGroups) return rows.length ? `<tbody>${rows.map(row).join('')}</tbody>` : '';
  let out = '';
  rows.forEach((r, i) => {
    if (i === 0 || r.group !== rows[i - 1].group) out += `${i ? '</tbody>' : ''}<tbody class="grp">`;
    out += row(r);
  });
  return rows.length ? `${out}</tbody>` : '';
}

export type HtmlTable = { html: string; wideCss: string; narrowCss: string };

export function tableHtml(table: DocTable): HtmlTable {
  const headers = valueHeaders(table);
  const phone = phoneColumns(table);
  const labels = phone.labels;
  const row = (r: DocTable['rows'][number]) => `<tr>${r.cells.map((c) => cellHtml(table, c, headers, labels)).join('')}</tr>`;
  const head = table.rows.slice(0, table.headerRows);
  const body = table.rows.slice(table.headerRows);
  const cols = table.columnWidths.map((_, i) => `<col class="c${i}">`).join('');
  const captionId = `${table.key}-caption`;
  const html =
    // A focusable, named region: keyboard users can scroll it sideways (WCAG 2.1.1).
    `<div class="tbl" role="region" aria-labelledby="${captionId}" tabindex="0">` +
    `<table id="${table.key}" class="${table.keepTogether ? 'keep' : ''}">` +
    `<caption id="${captionId}">${escapeHtml(table.caption)}</caption>` +
    `<colgroup>${cols}</colgroup>` +
    (head.length ? `<thead>${head.map(row).join('')}</thead>` : '') +
    groupBodies(body, row) +
    `</table></div>`;
  const wide = table.columnWidths.map((w, i) => `#${table.key} col.c${i}{width:${(w * 100).toFixed(3)}%}`).join('');
  return { html, wideCss: wide, narrowCss: narrowStyle(table, phone) };
}

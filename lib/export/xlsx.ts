import ExcelJS from 'exceljs';
import { neutralise } from './neutralise';
import { sheetNames } from './sheet-name';

/** A merged range, 0-based: the cell at (row, col) spans rowSpan × colSpan. */
export type XlsxMerge = { row: number; col: number; rowSpan: number; colSpan: number };

/**
 * A sheet laid out as a printed table: ruled cells from `fromRow` down, wrapped and centred
 * (row labels at the left), columns of the given widths (Excel character units), rows tall
 * enough for their wrapped text.
 */
export type XlsxGrid = { fromRow: number; columnWidths: number[]; leftAligned?: readonly XlsxMerge[] };

export type XlsxSheet = {
  name: string;
  rows: readonly (readonly (string | number | null)[])[];
  merges?: readonly XlsxMerge[];
  grid?: XlsxGrid;
};

const THIN = { style: 'thin' as const };
/** Points per wrapped line of 11 pt text. */
const LINE_PT = 15;

/**
 * Characters XML 1.0 cannot hold. exceljs writes them as they are and Excel then refuses the
 * whole file as corrupt, so a stray control character pasted into a comment is replaced by
 * U+FFFD, visibly, instead.
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Display width in Excel's column units: a Han character or full-width form is two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1;
  return width;
}

/**
 * Sheets as an .xlsx workbook. Numbers are number cells; every text is a string cell and is
 * never written as a formula. Formula-like text is still prefixed with `'` (as in the CSV):
 * a string cell is inert while the file is opened, but it becomes a formula again when a
 * reviewer edits it (F2, Enter) or saves the sheet as CSV — the quote keeps it text then, and
 * the two exports show the same value.
 */
export async function toXlsx(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const names = sheetNames(sheets.map((s) => s.name));
  sheets.forEach((sheet, i) => {
    const ws = workbook.addWorksheet(names[i]);
    const widths: number[] = [];
    sheet.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        if (typeof value === 'number' && Number.isFinite(value)) {
          cell.value = value;
          widths[c] = Math.max(widths[c] ?? 0, String(value).length);
          return;
        }
        const text = neutralise(String(value).replace(XML_ILLEGAL, '\uFFFD'));
        cell.value = text;
        if (text.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
        widths[c] = Math.max(widths[c] ?? 0, ...text.split('\n').map(displayWidth));
      });
    });
    for (const m of sheet.merges ?? []) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rowSpan, m.col + m.colSpan);
    if (sheet.grid) layOutGrid(ws, sheet, sheet.grid);
    else {
      // Chinese labels are wide; Excel's default of 8.43 shows a few characters of them.
      widths.forEach((w, c) => {
        if (w !== undefined) ws.getColumn(c + 1).width = Math.min(60, Math.max(8, w + 2));
      });
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function layOutGrid(ws: ExcelJS.Worksheet, sheet: XlsxSheet, grid: XlsxGrid): void {
  grid.columnWidths.forEach((w, c) => (ws.getColumn(c + 1).width = w));
  // The lines above the table (its heading) in bold, on rows tall enough.
  for (let r = 0; r < grid.fromRow; r++) {
    ws.getRow(r + 1).font = { bold: true, size: 12 };
    ws.getRow(r + 1).height = LINE_PT + 8;
  }
  const left = new Set((grid.leftAligned ?? []).map((m) => `${m.row},${m.col}`));
  const spans = new Map((sheet.merges ?? []).map((m) => [`${m.row},${m.col}`, m]));
  const lines: number[] = [];
  const width = grid.columnWidths.length;
  for (let r = grid.fromRow; r < sheet.rows.length; r++) {
    for (let c = 0; c < width; c++) {
      const cell = ws.getCell(r + 1, c + 1);
      cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: left.has(`${r},${c}`) ? 'left' : 'center' };
      const value = sheet.rows[r]?.[c];
      if (value === null || value === undefined) continue;
      // Excel does not grow a row for the wrapped text of a merged cell: estimate the lines.
      const m = spans.get(`${r},${c}`) ?? { row: r, col: c, rowSpan: 1, colSpan: 1 };
      const room = grid.columnWidths.slice(c, c + m.colSpan).reduce((s, w) => s + w, 0) - 1;
      const need = String(value)
        .split('\n')
        .reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / Math.max(1, room))), 0);
      const perRow = Math.ceil(need / m.rowSpan);
      lines[r] = Math.max(lines[r] ?? 1, perRow);
    }
    ws.getRow(r + 1).height = Math.max(1, lines[r] ?? 1) * LINE_PT + 4;
  }
}

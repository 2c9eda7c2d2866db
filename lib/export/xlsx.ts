import ExcelJS from 'exceljs';
import { neutralise } from './neutralise';
import { sheetNames } from './sheet-name';

export type XlsxSheet = { name: string; rows: readonly (readonly (string | number | null)[])[] };

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
    // Chinese labels are wide; Excel's default of 8.43 shows a few characters of them.
    widths.forEach((w, c) => {
      if (w !== undefined) ws.getColumn(c + 1).width = Math.min(60, Math.max(8, w + 2));
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import { neutralise } from './neutralise';

export type CsvCell = string | number | null;

// UTF-8 with a byte-order mark: without it Excel (and older WPS) read the file in the system
// code page (GBK on Chinese Windows) and every Chinese label turns into mojibake.
const BOM = '\uFEFF';
const CRLF = '\r\n';

function field(cell: CsvCell): string {
  if (cell === null) return '';
  // Numbers are written as numbers; only text can carry a formula.
  const text = typeof cell === 'number' ? String(cell) : neutralise(cell);
  // RFC 4180: quote a field holding a comma, quote, CR or LF, doubling inner quotes.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV (RFC 4180, CRLF line ends, UTF-8 with BOM), safe to open in Excel or WPS:
 * text that a spreadsheet would run as a formula is neutralised (see neutralise.ts).
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return BOM + rows.map((row) => row.map(field).join(',') + CRLF).join('');
}

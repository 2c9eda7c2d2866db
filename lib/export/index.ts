export { toCsv, type CsvCell } from './csv';
export { toXlsx, type XlsxSheet, type XlsxMerge, type XlsxGrid } from './xlsx';
export { neutralise, isFormulaLike } from './neutralise';
export { sheetNames } from './sheet-name';
export { printedTableSheet, spreadsheetValue } from './printed-table';
export { reportTablesCsv, REPORT_CSV_HEADER } from './report-csv';

export { toCsv, type CsvCell } from './csv';
export { toXlsx, type XlsxSheet } from './xlsx';
export { neutralise, isFormulaLike } from './neutralise';
export { sheetNames } from './sheet-name';
export { reportTablesCsv, REPORT_CSV_HEADER } from './report-csv';

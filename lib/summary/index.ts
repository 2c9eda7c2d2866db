export { sumReports, checkSummary, summaryFromTotals, emptyCellTotal, cellKey, SUMMED_TABLES } from './sum-reports';
export type { SummaryResult, SummaryOptions, BlankCell, UnreadableCell, ExcludedReport, CellTotal } from './sum-reports';
export { summaryRows, type SummaryRow } from './summary-rows';
export { parseAmount, formatAmount } from './decimal';
export { AMOUNT_PLACES } from '../report/limits';
export { INCLUDED_STATUSES, INCLUDE_NAMES } from './district';
export type { DistrictSummary, SummaryAgency, SummaryChild, SummaryInclude, StatusCounts } from './district';
export { summaryAgencyRows, summaryPrintedSheets, summaryTableRows, summaryTitle } from './district-rows';

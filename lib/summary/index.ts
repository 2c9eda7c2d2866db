export { sumReports, checkSummary, SUMMED_TABLES } from './sum-reports';
export type { SummaryResult, SummaryOptions, BlankCell, UnreadableCell, ExcludedReport } from './sum-reports';
export { summaryRows, type SummaryRow } from './summary-rows';
export { parseAmount, formatAmount, AMOUNT_PLACES } from './decimal';

export { sumReports, checkSummary, SUMMED_TABLES } from './sum-reports';
export type { SummaryResult, SummaryOptions, BlankCell, UnreadableCell, ExcludedReport } from './sum-reports';
export { summaryRows, type SummaryRow } from './summary-rows';
export { parseAmount, formatAmount } from './decimal';
export { AMOUNT_PLACES } from '../report/limits';

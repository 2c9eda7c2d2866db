/**
 * A district summary as files and titles print it: the cells as lines (CSV), the agencies and
 * their status, 表二/三/四 as the format prints them (XLSX), the title. Plain functions of the
 * summary (lib/summary/district.ts); lib/server/summary.ts writes the files.
 */
import { buildDocument } from '../document';
import { printedTableSheet, spreadsheetValue, type XlsxSheet } from '../export';
import { STATUS_NAMES } from '../review/transitions';
import { currentTemplate } from '../template/registry';
import { sectionHeading, sectionOfTable, tableName } from '../template/walk';
import type { DistrictSummary } from './district';
import { summaryRows } from './summary-rows';

export function summaryTableRows(summary: DistrictSummary): (string | number | null)[][] {
  return [
    ['表', '行', '列', '合计'],
    ...summaryRows(currentTemplate, summary.report).map((r) => [r.table, r.row, r.column, spreadsheetValue(r.value)]),
  ];
}

export function summaryAgencyRows(summary: DistrictSummary): (string | number | null)[][] {
  return [
    ['机关', '状态', '计入汇总'],
    ...summary.agencies.map((a) => [a.agencyName, STATUS_NAMES[a.status], a.isIncluded ? '是' : a.note ?? '否']),
  ];
}

/** 文峰区2025年度政府信息公开情况汇总 */
export function summaryTitle(summary: Pick<DistrictSummary, 'districtName' | 'year'>): string {
  return `${summary.districtName}${summary.year}年度政府信息公开情况汇总`;
}

/**
 * 表二, 表三, 表四 of the sum as the format prints them (merged headers, the template's labels,
 * numbers as numbers), one sheet each.
 */
export function summaryPrintedSheets(summary: DistrictSummary): XlsxSheet[] {
  const doc = buildDocument(currentTemplate, summary.report);
  return doc.blocks.flatMap((b) =>
    b.kind === 'table'
      ? [printedTableSheet(tableName(currentTemplate, b.table.key), sectionHeading(sectionOfTable(currentTemplate, b.table.key)), b.table, summary.report)]
      : [],
  );
}

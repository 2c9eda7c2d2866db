/**
 * The district summary (汇总): tables 二/三/四 of the agencies' reports for one year, added up
 * (lib/summary), with the hard checks on the sum, the completion counts, and the sum as CSV or
 * XLSX (lib/export). Who: reviewers and admins, over the agencies below their own.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from '../validation';
import type { Db } from '../db/client';
import { agencies, reports } from '../db/schema';
import { canAtOwnAgency, scopeOf } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError } from '../errors';
import type { Finding } from '../checks';
import type { Report } from '../report/types';
import { currentTemplate } from '../template/registry';
import { checkSummary, sumReports, summaryRows, type BlankCell, type UnreadableCell } from '../summary';
import { printedTableSheet, spreadsheetValue, toCsv, toXlsx, type XlsxSheet } from '../export';
import { buildDocument } from '../document';
import { sectionHeading, sectionOfTable, tableName } from '../template/walk';
import { STATUS_NAMES, type ReportStatus } from '../review/transitions';
import { reportYear } from '../report/schema';

/** `approved`: only 已通过; `submitted`: everything handed in (已提交 or 已通过). */
export type SummaryInclude = 'approved' | 'submitted';

export const INCLUDED_STATUSES: Record<SummaryInclude, readonly ReportStatus[]> = {
  approved: ['approved'],
  submitted: ['submitted', 'approved'],
};

export const INCLUDE_NAMES: Record<SummaryInclude, string> = {
  approved: '已通过的报告',
  submitted: '已提交和已通过的报告',
};

export const ZSummaryQuery = z.object({
  year: reportYear(z.coerce.number()),
  include: z.enum(['approved', 'submitted']).default('approved'),
});

export type SummaryAgency = {
  agencyId: string;
  agencyName: string;
  status: ReportStatus | 'none';
  /** Added to the sum (its status is included and its format edition is the template's). */
  isIncluded: boolean;
  /** Why a report of an included status was nevertheless left out. */
  note: string | null;
};

export type DistrictSummary = {
  year: number;
  include: SummaryInclude;
  districtName: string;
  /** How many agencies are at each status (未开始 when there is no report yet). */
  counts: Record<ReportStatus | 'none', number>;
  agencies: SummaryAgency[];
  /** Reports added. */
  included: number;
  /** The sum as a report of the current template (totals as summed, so the checks judge them). */
  report: Report;
  /** R1–R6 on the sum; empty when nothing was added (a blank sum is not an error to fix). */
  findings: Finding[];
  blanks: BlankCell[];
  unreadable: UnreadableCell[];
  /** Plain Chinese: what was added and what the sum leaves out. */
  message: string;
};

export async function districtSummary(db: Db, user: SessionUser, input: unknown): Promise<DistrictSummary> {
  // Not a report: a filer has no district to sum, so the answer is a plain refusal.
  if (!canAtOwnAgency(user, 'summary.read')) throw new AppError('FORBIDDEN', '只有审核人和管理员可以查看辖区汇总');
  const parsed = ZSummaryQuery.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '请求无效');
  const { year, include } = parsed.data;
  const scope = await scopeOf(db, user);
  // The agencies below the user's own, as in the district overview: the district's own report
  // is the one these figures go into, not one of its parts.
  const ids = [...scope.agencyIds].filter((a) => a !== user.agencyId);
  const counts: DistrictSummary['counts'] = { none: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
  const rows = ids.length
    ? await db
        .select({ agencyId: agencies.id, agencyName: agencies.name, reportId: reports.id, status: reports.status })
        .from(agencies)
        .leftJoin(reports, and(eq(reports.agencyId, agencies.id), eq(reports.year, year)))
        .where(inArray(agencies.id, ids))
        .orderBy(asc(agencies.name))
    : [];
  const statuses = INCLUDED_STATUSES[include];
  const wanted = rows.filter((r) => r.reportId && r.status && statuses.includes(r.status)).map((r) => r.reportId!);
  // Content only for the reports added: a district of thousands need not load every draft.
  const contents = wanted.length
    ? await db.select({ id: reports.id, content: reports.content }).from(reports).where(inArray(reports.id, wanted))
    : [];
  const result = sumReports(
    currentTemplate,
    contents.map((c) => c.content),
    { agencyName: user.agencyName, year },
  );
  const wantedIds = new Set(wanted);
  const excludedIds = new Set(result.excluded.map((e) => contents[e.index].id));
  const list: SummaryAgency[] = rows.map((r) => {
    const status = r.status ?? 'none';
    counts[status]++;
    const isWanted = r.reportId !== null && wantedIds.has(r.reportId);
    const isExcluded = isWanted && excludedIds.has(r.reportId!);
    return {
      agencyId: r.agencyId,
      agencyName: r.agencyName,
      status,
      isIncluded: isWanted && !isExcluded,
      note: isExcluded ? '格式版本不同，未计入' : null,
    };
  });
  return {
    year,
    include,
    districtName: user.agencyName,
    counts,
    agencies: list,
    included: result.included,
    report: result.report,
    findings: result.included ? checkSummary(currentTemplate, result.report) : [],
    blanks: result.blanks,
    unreadable: result.unreadable,
    message: result.message,
  };
}

export type SummaryFormat = 'csv' | 'xlsx';
export type SummaryFile = { bytes: Buffer; fileName: string; contentType: string };

const CONTENT_TYPES: Record<SummaryFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

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

/**
 * The summary as a file. CSV, for scripts: one line per cell (表, 行, 列, 合计), a blank line,
 * then the agencies. XLSX, for people: 表二, 表三, 表四 as printed, then the agencies and their
 * status.
 */
export async function exportSummary(db: Db, user: SessionUser, input: unknown, format: SummaryFormat): Promise<SummaryFile> {
  const summary = await districtSummary(db, user, input);
  const tables = summaryTableRows(summary);
  const agencyRows = summaryAgencyRows(summary);
  // Names go through the file system; an agency name may hold anything.
  const stem = summaryTitle(summary).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  const bytes =
    format === 'csv'
      ? Buffer.from(toCsv([...tables, [], ...agencyRows]), 'utf8')
      : await toXlsx([...summaryPrintedSheets(summary), { name: '机关', rows: agencyRows }]);
  return { bytes, fileName: `${stem}.${format}`, contentType: CONTENT_TYPES[format] };
}

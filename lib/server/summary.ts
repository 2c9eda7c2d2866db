/**
 * The district summary (汇总): tables 二/三/四 of the agencies' reports for one year, added up
 * (lib/summary), with the hard checks on the sum, the completion counts, and the sum as CSV or
 * XLSX (lib/export). Who: reviewers and admins, over the agencies below their own.
 */
import { sortByPinyin } from '../collate';
import { sql } from 'drizzle-orm';
import { z, safeFileName } from '../validation';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import { can, canAtOwnAgency, scopeOf } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError } from '../errors';
import type { Finding } from '../checks';
import type { Report } from '../report/types';
import { currentTemplate } from '../template/registry';
import { AMOUNT_PLACES, checkSummary, summaryFromTotals, summaryRows, type BlankCell, type UnreadableCell } from '../summary';
import { addTotals, agenciesBelow } from './summary-sql';
import { sumBelowKept } from './summary-cache';
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
  /** Drill-down: the summary of an agency below the user's own (default: the user's own). */
  agency: z.uuid('机关无效').optional(),
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

type StatusCounts = Record<ReportStatus | 'none', number>;

/**
 * One agency directly below the summary's root, with the roll-up of its whole subtree: its
 * figures (a district's = its street offices and bureaus, and below them, level by level) and
 * the completion of every agency in it.
 */
export type SummaryChild = {
  agencyId: string;
  agencyName: string;
  /** Nothing below it: its own report is its figures (a link to the report, not a summary). */
  isLeaf: boolean;
  /** Its report of the year, when it has one (leaves: what a drill-down ends on). */
  reportId: string | null;
  /** Agencies in its subtree, itself included. */
  agencies: number;
  counts: StatusCounts;
  /** Reports added into its figures. */
  included: number;
  report: Report;
};

export type DistrictSummary = {
  year: number;
  include: SummaryInclude;
  /** The agency summed: the user's own, or the one drilled down to. */
  agencyId: string;
  districtName: string;
  /** The way from the user's own agency down to this one (both included), for the breadcrumb. */
  path: { agencyId: string; agencyName: string }[];
  /** How many agencies of the whole subtree are at each status (未开始 when there is no report yet). */
  counts: StatusCounts;
  agencies: SummaryAgency[];
  /** The agencies directly below, each with its subtree's roll-up, in name order. */
  children: SummaryChild[];
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

const EXCLUDED_NOTES = { edition: '格式版本不同，未计入', year: '年度不同，未计入' } as const;

const zeroCounts = (): StatusCounts => ({ none: 0, draft: 0, submitted: 0, returned: 0, approved: 0 });

/**
 * The summary of an agency for a year: every report below it added up, level by level — an
 * agency with agencies below it counts through them (its own report is the one their figures
 * go into, so adding it too would count them twice); one without, through its own report. The
 * sums are computed by the database (./summary-sql.ts); `agency` drills down to any agency in
 * the user's scope, and one outside it is not found.
 */
export async function districtSummary(db: Db, user: SessionUser, input: unknown): Promise<DistrictSummary> {
  // Not a report: a filer has no district to sum, so the answer is a plain refusal.
  if (!canAtOwnAgency(user, 'summary.read')) throw new AppError('FORBIDDEN', '只有审核人和管理员可以查看辖区汇总');
  const parsed = ZSummaryQuery.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '请求无效');
  const { year, include } = parsed.data;
  const rootId = parsed.data.agency ?? user.agencyId;
  const scope = await scopeOf(db, user);
  if (!can(user, 'summary.read', { agencyId: rootId }, scope)) throw new AppError('NOT_FOUND', '没有找到该机关');
  const path = await pathFrom(db, user.agencyId, rootId);
  const districtName = path[path.length - 1].agencyName;

  const tree = await agenciesBelow(db, rootId, year);
  const statuses = INCLUDED_STATUSES[include];
  const sums = await sumBelowKept(db, currentTemplate, { rootId, year, statuses, places: AMOUNT_PLACES });
  const excludedWhy = new Map(sums.excluded.map((e) => [e.reportId, e.reason]));

  const counts = zeroCounts();
  const byBranch = new Map<string, { agencies: number; counts: StatusCounts; included: number }>();
  const list: SummaryAgency[] = tree.map((r) => {
    const status = r.status ?? 'none';
    counts[status]++;
    const b = byBranch.get(r.branch) ?? { agencies: 0, counts: zeroCounts(), included: 0 };
    b.agencies++;
    b.counts[status]++;
    byBranch.set(r.branch, b);
    const isWanted = r.isLeaf && r.reportId !== null && r.status !== null && statuses.includes(r.status);
    const why = isWanted ? excludedWhy.get(r.reportId!) : undefined;
    const isExcluded = why !== undefined;
    if (isWanted && !isExcluded) b.included++;
    return {
      agencyId: r.id,
      agencyName: r.name,
      status,
      isIncluded: isWanted && !isExcluded,
      note: why ? EXCLUDED_NOTES[why] : !r.isLeaf && r.status ? '由下级机关的报告汇总，本机关报告不重复计入' : null,
    };
  });
  const included = list.filter((a) => a.isIncluded).length;
  const result = summaryFromTotals(currentTemplate, addTotals(sums.totals.values()), included, sums.excluded, { agencyName: districtName, year });
  const children: SummaryChild[] = sortByPinyin(tree, (r) => r.name)
    .filter((r) => r.branch === r.id)
    .map((r) => {
      const b = byBranch.get(r.id)!;
      const own = summaryFromTotals(currentTemplate, sums.totals.get(r.id) ?? new Map(), b.included, [], { agencyName: r.name, year });
      return { agencyId: r.id, agencyName: r.name, isLeaf: r.isLeaf, reportId: r.reportId, agencies: b.agencies, counts: b.counts, included: b.included, report: own.report };
    });
  return {
    year,
    include,
    agencyId: rootId,
    districtName,
    path,
    counts,
    agencies: sortByPinyin(list, (a) => a.agencyName),
    children,
    included,
    report: result.report,
    findings: included ? checkSummary(currentTemplate, result.report) : [],
    blanks: result.blanks,
    unreadable: result.unreadable,
    message: result.message,
  };
}

/** The agencies from `fromId` down to `toId` (in scope, so `fromId` is an ancestor or itself). */
async function pathFrom(db: Db, fromId: string, toId: string): Promise<DistrictSummary['path']> {
  const rows = await db.execute(sql`
    with recursive up(id, name, parent_id, depth) as (
      select id, name, parent_id, 0 from agencies where id = ${toId}
      union all
      select a.id, a.name, a.parent_id, u.depth + 1 from agencies a join up u on a.id = u.parent_id where u.id <> ${fromId}
    )
    select id::text as "agencyId", name as "agencyName" from up order by depth desc`);
  return rowsOf<DistrictSummary['path'][number]>(rows);
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
  const stem = safeFileName(summaryTitle(summary));
  const bytes =
    format === 'csv'
      ? Buffer.from(toCsv([...tables, [], ...agencyRows]), 'utf8')
      : await toXlsx([...summaryPrintedSheets(summary), { name: '机关', rows: agencyRows }]);
  return { bytes, fileName: `${stem}.${format}`, contentType: CONTENT_TYPES[format] };
}

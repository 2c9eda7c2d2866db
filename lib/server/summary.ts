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
import { currentTemplate } from '../template/registry';
import { AMOUNT_PLACES, checkSummary, summaryFromTotals } from '../summary';
import { INCLUDED_STATUSES, type DistrictSummary, type StatusCounts, type SummaryAgency, type SummaryChild } from '../summary/district';
import { summaryAgencyRows, summaryPrintedSheets, summaryTableRows, summaryTitle } from '../summary/district-rows';
import { addTotals, agenciesBelow } from './summary-sql';
import { sumBelowKept } from './summary-cache';
import { toCsv, toXlsx } from '../export';
import { reportYear } from '../report/schema';

export const ZSummaryQuery = z.object({
  year: reportYear(z.coerce.number()),
  include: z.enum(['approved', 'submitted']).default('approved'),
  /** Drill-down: the summary of an agency below the user's own (default: the user's own). */
  agency: z.uuid('机关无效').optional(),
});

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
export async function pathFrom(db: Db, fromId: string, toId: string): Promise<DistrictSummary['path']> {
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

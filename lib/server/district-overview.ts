/**
 * 辖区报告: the agencies under a reviewer's agency for one year, one page at a time — status,
 * check summary, last change, lateness — with the status counts of the whole scope.
 *
 * A province has 5 000 units: the list is searched (name or pinyin initials), filtered (status,
 * late, the branch below the reviewer: a city, a district), sorted and paged here, on the server,
 * from one light query of the scope's agencies and report heads; only the page's reports are
 * read whole and checked. The page is a plain GET form, so it works without script too.
 */
import { chinaDay } from '../china-time';
import { byPinyin } from '../collate';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../db/rows';
import { TREE } from './summary-sql';
import { withoutJit } from './insight-sql';
import { alias } from 'drizzle-orm/pg-core';
import { pinyin } from 'pinyin-pro';
import { z } from '../validation';
import type { Db } from '../db/client';
import { reportDeadlines, reports, users } from '../db/schema';
import { canAtOwnAgency, scopeOf } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError } from '../errors';
import { getTemplate } from '../template/registry';
import { findingCounts, runChecks } from '../checks';
import { reportYear } from '../report/schema';
import type { ReportStatus } from '../review/transitions';
import { publicationDeadline } from '../report/limits';

export const REVIEW_PAGE_SIZE = 50;

/** Work first: what waits for the reviewer, then what waits for the agencies. */
export const STATUS_ORDER = ['submitted', 'returned', 'draft', 'none', 'approved'] as const;
export const LIST_SORTS = { status: '按状态（待审核在前）', name: '按名称（拼音）', updated: '按最后修改（新的在前）', branch: '按下级分组' } as const;

/**
 * What the list shows, as the page's query string gives it: a value that is not one of ours
 * falls back to the default (an old bookmark, a hand-edited link), never to an error page.
 */
export const ZListView = z.object({
  q: z.string().trim().max(40).catch('').default(''),
  status: z.enum([...STATUS_ORDER, 'late', 'all']).catch('all').default('all'),
  under: z.string().uuid().optional().catch(undefined),
  sort: z.enum(Object.keys(LIST_SORTS) as [keyof typeof LIST_SORTS]).catch('status').default('status'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type ListView = z.output<typeof ZListView>;

export type OverviewRow = {
  agencyId: string;
  agencyName: string;
  /** The agency directly below the reviewer's that this one is under (itself at that level). */
  branchId: string;
  branchName: string;
  reportId: string | null;
  status: ReportStatus | 'none';
  errors: number;
  warnings: number;
  updatedAt: string | null;
  updatedByName: string | null;
  /** When the report was first submitted (ISO), if ever. */
  submittedAt: string | null;
  /** Submitted after the deadline, or not submitted and the deadline has passed. */
  isLate: boolean;
};

export type DistrictOverview = {
  year: number;
  deadline: string;
  view: ListView;
  /** The page's rows. */
  rows: OverviewRow[];
  /** Agencies in scope, and those the search and filters keep. */
  total: number;
  matched: number;
  page: number;
  pages: number;
  counts: Record<ReportStatus | 'none' | 'late', number>;
  /** The agencies directly below the reviewer's that have agencies of their own (cities, districts). */
  branches: { id: string; name: string; units: number }[];
};

/**
 * Late for `deadline` (a day, YYYY-MM-DD): first submitted after that day, or never submitted
 * and that day is over. A report returned for changes after an on-time submission is not late.
 */
export function isLateFor(deadline: string, submittedAt: Date | null, today: Date): boolean {
  return submittedAt ? chinaDay(submittedAt) > deadline : chinaDay(today) > deadline;
}

const initialsKept = new Map<string, string>();
const INITIALS_KEPT_MAX = 50_000;

/** 「安阳市文峰区」 → 「aysfwq」: what a clerk types to find a unit quickly. */
export function nameInitials(name: string): string {
  let v = initialsKept.get(name);
  if (v === undefined) {
    v = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
    if (initialsKept.size >= INITIALS_KEPT_MAX) initialsKept.clear();
    initialsKept.set(name, v);
  }
  return v;
}

/** Whether an agency name answers a search: part of the name, or of its pinyin initials. */
export function nameMatches(name: string, q: string): boolean {
  if (!q) return true;
  if (name.includes(q)) return true;
  const latin = q.toLowerCase().replace(/\s+/g, '');
  return /^[a-z0-9]+$/.test(latin) && nameInitials(name).includes(latin);
}

type Head = Omit<OverviewRow, 'errors' | 'warnings' | 'updatedByName'> & { ancestors: string[] };

function compareBy(sort: ListView['sort']): (a: Head, b: Head) => number {
  const byName = (a: Head, b: Head) => byPinyin(a.agencyName, b.agencyName);
  const byStatus = (a: Head, b: Head) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
  const byUpdated = (a: Head, b: Head) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '');
  const byBranch = (a: Head, b: Head) => byPinyin(a.branchName, b.branchName);
  const order = { status: [byStatus, byName], name: [byName], updated: [byUpdated, byName], branch: [byBranch, byStatus, byName] }[sort];
  return (a, b) => {
    for (const c of order) {
      const d = c(a, b);
      if (d) return d;
    }
    return 0;
  };
}

/**
 * One page of the agencies under the reviewer's agency for `year`, as `view` asks, with the
 * counts of the whole scope; the findings are those the editor shows (last year's report included).
 */
export async function districtOverview(db: Db, user: SessionUser, year: number, today = new Date(), view: Partial<ListView> = {}): Promise<DistrictOverview> {
  if (!canAtOwnAgency(user, 'district.read')) throw new AppError('FORBIDDEN', '只有审核人和管理员可以查看辖区报告');
  if (!reportYear().safeParse(year).success) throw new AppError('INVALID', '年度无效');
  const v = ZListView.parse(view);
  const scope = await scopeOf(db, user);
  const ids = [...scope.agencyIds].filter((a) => a !== user.agencyId);
  const [dl] = await db
    .select({ dueDate: reportDeadlines.dueDate })
    .from(reportDeadlines)
    .where(and(eq(reportDeadlines.agencyId, user.agencyId), eq(reportDeadlines.year, year)));
  const deadline = dl?.dueDate ?? publicationDeadline(year);
  const counts: DistrictOverview['counts'] = { none: 0, draft: 0, submitted: 0, returned: 0, approved: 0, late: 0 };
  const empty = { year, deadline, view: v, rows: [], total: 0, matched: 0, page: 1, pages: 1, counts, branches: [] };
  if (!ids.length) return empty;

  const heads = await scopeHeads(db, user, ids, year, deadline, today);
  for (const h of heads) {
    counts[h.status]++;
    if (h.isLate) counts.late++;
  }
  const branches = branchesOf(heads, user.agencyId);
  const kept = heads.filter(
    (h) =>
      (v.status === 'all' || (v.status === 'late' ? h.isLate : h.status === v.status)) &&
      (!v.under || h.agencyId === v.under || h.ancestors.includes(v.under)) &&
      nameMatches(h.agencyName, v.q),
  );
  kept.sort(compareBy(v.sort));
  const pages = Math.max(1, Math.ceil(kept.length / REVIEW_PAGE_SIZE));
  const page = Math.min(v.page, pages);
  const onPage = kept.slice((page - 1) * REVIEW_PAGE_SIZE, page * REVIEW_PAGE_SIZE);
  const rows = await withFindings(db, onPage, year);
  return { year, deadline, view: { ...v, page }, rows, total: heads.length, matched: kept.length, page, pages, counts, branches };
}

/**
 * Every agency in scope with its report's head for the year and when it was first submitted: no
 * content is read here. One statement over the tree below the reviewer's agency (not a list of
 * 5 000 ids sent twice), kept to the scope `scopeOf` gave.
 */
async function scopeHeads(db: Db, user: SessionUser, ids: string[], year: number, deadline: string, today: Date): Promise<Head[]> {
  const inScope = new Set(ids);
  const list = rowsOf<{ id: string; name: string; parentId: string | null; reportId: string | null; status: ReportStatus | null; updatedAt: number | null; firstSubmitted: number | null }>(
    // Without JIT: the recursive tree's row estimate is far too high (insight-sql.ts `withoutJit`).
    await withoutJit(db, (tx) => tx.execute(sql`
      ${TREE(user.agencyId)}
      select t.id::text as id, a.name, a.parent_id::text as "parentId", r.id::text as "reportId", r.status,
        (extract(epoch from r.updated_at) * 1000)::float8 as "updatedAt",
        (extract(epoch from (select min(e.at) from report_events e where e.report_id = r.id and e.to_status = 'submitted')) * 1000)::float8 as "firstSubmitted"
      from tree t
      join agencies a on a.id = t.id
      left join reports r on r.agency_id = t.id and r.year = ${year}::int`)),
  ).filter((r) => inScope.has(r.id));
  const submitted = new Map<string, Date>();
  // Epoch milliseconds (float8): the same instant on node-postgres and PGlite, whatever their time zone.
  for (const r of list) if (r.reportId && r.firstSubmitted !== null) submitted.set(r.reportId, new Date(r.firstSubmitted));
  const byId = new Map(list.map((r) => [r.id, r]));
  const ancestorsOf = (id: string): string[] => {
    const out: string[] = [];
    for (let p = byId.get(id)?.parentId; p && p !== user.agencyId && byId.has(p); p = byId.get(p)?.parentId) out.push(p);
    return out;
  };
  return list.map((r) => {
    const ancestors = ancestorsOf(r.id);
    const branchId = ancestors.at(-1) ?? r.id;
    const submittedAt = r.reportId ? (submitted.get(r.reportId) ?? null) : null;
    return {
      agencyId: r.id,
      agencyName: r.name,
      ancestors,
      branchId,
      branchName: byId.get(branchId)?.name ?? r.name,
      reportId: r.reportId,
      status: r.status ?? 'none',
      updatedAt: r.updatedAt === null ? null : new Date(r.updatedAt).toISOString(),
      submittedAt: submittedAt?.toISOString() ?? null,
      isLate: isLateFor(deadline, submittedAt, today),
    };
  });
}

function branchesOf(heads: Head[], ownId: string): DistrictOverview['branches'] {
  const units = new Map<string, number>();
  for (const h of heads) if (h.branchId !== h.agencyId) units.set(h.branchId, (units.get(h.branchId) ?? 0) + 1);
  return heads
    .filter((h) => units.has(h.agencyId) && h.agencyId !== ownId)
    .map((h) => ({ id: h.agencyId, name: h.agencyName, units: units.get(h.agencyId)! }))
    .sort((a, b) => byPinyin(a.name, b.name));
}

/** The page's rows with their check counts and who changed them last: their reports read whole. */
async function withFindings(db: Db, heads: Head[], year: number): Promise<OverviewRow[]> {
  const reportIds = heads.flatMap((h) => (h.reportId ? [h.reportId] : []));
  const lastYear = alias(reports, 'last_year');
  const full = reportIds.length
    ? await db
        .select({ id: reports.id, content: reports.content, edition: reports.edition, lastYearContent: lastYear.content, updatedByName: users.displayName })
        .from(reports)
        .leftJoin(lastYear, and(eq(lastYear.agencyId, reports.agencyId), eq(lastYear.year, year - 1)))
        .leftJoin(users, eq(users.id, reports.updatedBy))
        .where(inArray(reports.id, reportIds))
    : [];
  const byReport = new Map(full.map((r) => [r.id, r]));
  return heads.map(({ ancestors: _ancestors, ...h }) => {
    const r = h.reportId ? byReport.get(h.reportId) : undefined;
    const findings = r ? runChecks(getTemplate(r.edition), r.content, { lastYear: r.lastYearContent }) : [];
    return { ...h, ...findingCounts(findings), updatedByName: r?.updatedByName ?? null };
  });
}

/**
 * The district insight (issue #15): the indicators of lib/insight for the reviewer's scope and a
 * year, their trend over every year the database holds, a ranking of the units, the completion
 * of the tree per level, and the risk flags. Who: reviewers and admins, over the agencies below
 * their own (as the district summary).
 */
import { and, eq, sql } from 'drizzle-orm';
import { z, safeFileName, ZId } from '../validation';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import { reportDeadlines } from '../db/schema';
import { can, canAtOwnAgency, scopeOf } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError } from '../errors';
import { env } from '../env';
import { currentTemplate } from '../template/registry';
import { reportYear } from '../report/schema';
import { publicationDeadline } from '../report/limits';
import type { ReportStatus } from '../review/transitions';
import { INDICATOR_KEYS, indicatorsOf, rankAgencies, type Indicator, type IndicatorKey } from '../insight/indicators';
import { correctionFlags, lateFlags, riskRuleTexts, swingFlags } from '../insight/risk';
import type { CompletionCounts, DistrictInsight } from '../insight/district';
import { insightAgencyRows, insightFlagRows, insightIndicatorRows, insightTitle } from '../insight/district-rows';
import { toXlsx } from '../export';
import { INCLUDED_STATUSES } from '../summary/district';
import { chinaDay } from '../china-time';
import { isLateFor } from './district-overview';
import { figuresByBranch, figuresInDb, NO_FIGURES, withoutJit, type FiguresSource, type InsightFigures } from './insight-sql';
import { pathFrom } from './summary';
import { insightFingerprints, scopeFiguresKept, type InsightCacheStats, type InsightScope, type ScopeFigures } from './insight-cache';
import { TREE } from './summary-sql';
import { sortByPinyin } from '../collate';
import { branchFigures } from '../insight/branches';

export const ZInsightQuery = z.object({
  year: reportYear(z.coerce.number()),
  include: z.enum(['approved', 'submitted']).default('approved'),
  rank: z.enum(INDICATOR_KEYS, { error: '排名指标无效' }).default('newReceived'),
  /** Drill down: an agency in the user's scope whose subtree is analysed (default: the user's own). */
  agency: ZId.optional(),
});

/** An agency below the reviewer's, with its report of the year (any status) if any. */
type TreeRow = {
  id: string;
  name: string;
  parentId: string | null;
  /** The root's direct child it is under (itself for a direct child). */
  branch: string;
  reportId: string | null;
  status: ReportStatus | null;
  edition: string | null;
  /** Epoch milliseconds of the report's first submission and last approval. */
  firstSubmitted: number | null;
  lastApproved: number | null;
  /** Its rank in the database's order of names (then ids): the order the figures come in. */
  nameOrder: number;
};

/**
 * The scope: every agency below `rootId` (what scopeOf gives a reviewer or an administrator,
 * without it), each with its report of the year whatever its status and the times of its first
 * submission and last approval — one query, no list of ids sent. Without JIT, as every read
 * here: the recursive tree's row estimate is far too high, and compiling the plan took half a
 * second for a district of 50.
 */
async function treeOf(db: Db, rootId: string, year: number): Promise<TreeRow[]> {
  // In pinyin order: the database's `order by name` is code-point order (三门峡市 before 安阳市).
  return withoutJit(db, async (tx) =>
    sortByPinyin(
      rowsOf<TreeRow>(
        await tx.execute(sql`
          ${TREE(rootId)}
          select x.id::text as id, x.name, x.parent_id::text as "parentId", x.branch::text as branch, x.report_id::text as "reportId", x.status, x.edition,
            (extract(epoch from ev.first_submitted) * 1000)::float8 as "firstSubmitted",
            (extract(epoch from ev.last_approved) * 1000)::float8 as "lastApproved",
            (row_number() over (order by x.name, x.id))::int as "nameOrder"
          from (
            select t.id, t.branch, a.name, a.parent_id, r.id as report_id, r.status, r.edition
            from tree t
            join agencies a on a.id = t.id
            left join reports r on r.agency_id = t.id and r.year = ${year}::int
            offset 0
          ) x
          left join lateral (
            select min(e.at) filter (where e.to_status = 'submitted') as first_submitted, max(e.at) filter (where e.to_status = 'approved') as last_approved
            from report_events e where e.report_id = x.report_id
          ) ev on x.report_id is not null`),
      ),
      (r) => r.name,
    ),
  );
}

/** The indicators made of a scope's figures. */
function withIndicators(f: InsightFigures): ScopeFigures {
  return {
    figures: f,
    indicators: indicatorsOf(currentTemplate, f.units),
    lastYear: f.lastYear.length ? indicatorsOf(currentTemplate, f.lastYear, ['newReceived']) : null,
  };
}

/**
 * The scope's figures from the database, kept per branch (insight-cache.ts): only the branches
 * whose fingerprint changed are read again.
 */
function keptFigures(db: Db, scope: InsightScope, fingerprints: ReadonlyMap<string, string>, units: readonly TreeRow[], stats?: InsightCacheStats): Promise<ScopeFigures> {
  const rank = new Map(units.map((u) => [u.id, u.nameOrder]));
  const read = (branches: readonly string[] | undefined) => {
    const only = branches && new Set(branches);
    const chosen = only ? units.filter((u) => only.has(u.branch)) : units;
    return figuresByBranch(db, currentTemplate, { agencyIds: chosen.map((u) => u.id), branches: chosen.map((u) => u.branch), year: scope.year, statuses: scope.statuses });
  };
  return scopeFiguresKept(currentTemplate, scope, { fingerprints, read, order: (id) => rank.get(id) ?? 0, indicators: withIndicators }, stats);
}

/**
 * `figures`: where the indicators' figures come from — the database (insight-sql.ts), kept per
 * scope until its fingerprint changes (insight-cache.ts), or, for the tests and the benchmark,
 * the former in-memory path that loads every report whole (never kept). `stats` says whether
 * the figures were computed or found kept.
 */
export async function districtInsight(
  db: Db,
  user: SessionUser,
  input: unknown,
  today = new Date(),
  figures: FiguresSource = figuresInDb,
  stats?: InsightCacheStats,
): Promise<DistrictInsight> {
  if (!canAtOwnAgency(user, 'summary.read')) throw new AppError('FORBIDDEN', '只有审核人和管理员可以查看辖区分析');
  const parsed = ZInsightQuery.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '请求无效');
  const { year, include, rank } = parsed.data;
  const rootId = parsed.data.agency ?? user.agencyId;
  if (rootId !== user.agencyId && !can(user, 'summary.read', { agencyId: rootId }, await scopeOf(db, user))) throw new AppError('NOT_FOUND', '没有找到该机关');
  const path = await pathFrom(db, user.agencyId, rootId);
  const statuses = INCLUDED_STATUSES[include];
  const scope = { rootId, year, statuses };
  const keep = figures === figuresInDb;
  // The fingerprints are read first: the units below and the figures are then as new as they,
  // or newer (insight-cache.ts) — never older, as a tree read beside them could be.
  const fingerprints = keep ? await withoutJit(db, (tx) => insightFingerprints(tx, scope)) : new Map<string, string>();
  const tree = await treeOf(db, rootId, year);
  const ofYear = tree.filter((a) => a.reportId !== null);
  // The units are the agencies with none below them, as in the summary (summary-sql.ts): an
  // agency above others counts through them — a district's own report is where its offices'
  // figures go, and adding it too would count them twice and rank a district among streets.
  const parents = new Set(tree.map((a) => a.parentId));
  const units = tree.filter((a) => !parents.has(a.id));
  const { figures: f, indicators, lastYear } = keep
    ? await keptFigures(db, scope, fingerprints, units, stats)
    : withIndicators(units.length ? await figures(db, currentTemplate, { agencyIds: units.map((a) => a.id), year, statuses }) : NO_FIGURES);
  if (!keep && stats) stats.computed = true;
  const pick = (list: Indicator[], key: IndicatorKey) => list.find((i) => i.key === key)!;

  const [dl] = await db
    .select({ dueDate: reportDeadlines.dueDate })
    .from(reportDeadlines)
    .where(and(eq(reportDeadlines.agencyId, user.agencyId), eq(reportDeadlines.year, year)));
  const deadline = dl?.dueDate ?? publicationDeadline(year);

  // Levels of the tree below the agency analysed.
  const parentOf = new Map(tree.map((a) => [a.id, a.parentId]));
  const levelOf = (id: string): number => {
    let level = 0;
    for (let at: string | null | undefined = id; at && at !== rootId && level <= tree.length; at = parentOf.get(at)) level++;
    return level;
  };
  const levels = new Map<number, CompletionCounts>();
  for (const a of tree) {
    const level = levelOf(a.id);
    const counts = levels.get(level) ?? { none: 0, draft: 0, submitted: 0, returned: 0, approved: 0, late: 0 };
    counts[a.status ?? 'none']++;
    if (isLateFor(deadline, a.firstSubmitted === null ? null : new Date(a.firstSubmitted), today)) counts.late++;
    levels.set(level, counts);
  }
  const completion = [...levels.entries()].sort((a, b) => a[0] - b[0]).map(([level, counts]) => ({ level, counts }));

  const thresholds = env().riskThresholds;
  const approvals = ofYear.flatMap((r) =>
    r.status === 'approved' && r.lastApproved !== null
      ? [{ agencyId: r.id, agencyName: r.name, reportId: r.reportId!, approvedOn: chinaDay(new Date(r.lastApproved)) }]
      : [],
  );
  const flags = [
    ...correctionFlags(pick(indicators, 'reviewCorrectionRate'), thresholds),
    // Last year as this year: the units whose report of last year is read (an included status,
    // this edition) — a draft's half-typed figures are no base to call a change tenfold.
    ...(lastYear ? swingFlags(pick(indicators, 'newReceived'), pick(lastYear, 'newReceived'), thresholds) : []),
    ...f.totals,
    ...f.importedTotals,
    ...lateFlags(approvals, deadline),
  ];
  return {
    year,
    include,
    agencyId: rootId,
    districtName: path[path.length - 1].agencyName,
    path,
    indicators,
    branches: branchFigures(
      sortByPinyin(
        tree.filter((a) => a.parentId === rootId),
        (a) => a.name,
      ).map((a) => ({ agencyId: a.id, agencyName: a.name, isLeaf: !parents.has(a.id), reportId: a.reportId })),
      indicators,
      new Map(tree.map((a) => [a.id, a.branch])),
    ),
    units: f.units.length,
    otherEdition: units.filter((r) => r.reportId !== null && statuses.includes(r.status!) && r.edition !== currentTemplate.edition).length,
    trend: f.trend,
    rankKey: rank,
    ranking: rankAgencies(pick(indicators, rank)),
    completion,
    deadline,
    thresholds,
    ruleTexts: riskRuleTexts(thresholds),
    flags,
  };
}

/** The indicator table as XLSX: 指标, 各单位, 风险提示. */
export async function exportInsightXlsx(db: Db, user: SessionUser, input: unknown): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
  const insight = await districtInsight(db, user, input);
  const stem = safeFileName(insightTitle(insight));
  const bytes = await toXlsx([
    { name: '指标', rows: insightIndicatorRows(insight) },
    { name: '各单位', rows: insightAgencyRows(insight) },
    { name: '风险提示', rows: insightFlagRows(insight) },
  ]);
  return { bytes, fileName: `${stem}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}

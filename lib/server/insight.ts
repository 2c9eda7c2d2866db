/**
 * The district insight (issue #15): the indicators of lib/insight for the reviewer's scope and a
 * year, their trend over every year the database holds, a ranking of the units, the completion
 * of the tree per level, and the risk flags. Who: reviewers and admins, over the agencies below
 * their own (as the district summary).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from '../validation';
import type { Db } from '../db/client';
import { agencies, reportDeadlines, reportEvents, reports, reportVersions } from '../db/schema';
import { canAtOwnAgency, scopeOf } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError } from '../errors';
import { env } from '../env';
import { currentTemplate } from '../template/registry';
import { reportYear } from '../report/schema';
import { publicationDeadline } from '../report/limits';
import type { ReportStatus } from '../review/transitions';
import {
  computeIndicators,
  INDICATOR_KEYS,
  rankAgencies,
  SMALL_BASE_MAX,
  type AgencyFigure,
  type Indicator,
  type IndicatorKey,
  type InsightEntry,
} from '../insight/indicators';
import { correctionFlags, lateFlags, riskRuleTexts, swingFlags, totalsFlags, type RiskFlag, type RiskRule, type RiskThresholds } from '../insight/risk';
import { chartValue } from '../insight/charts';
import { toXlsx } from '../export';
import { INCLUDED_STATUSES, type SummaryInclude } from './summary';
import { chinaDay, isLateFor } from './review';

const TREND_KEYS: IndicatorKey[] = ['newReceived', 'disclosureRate'];

export const ZInsightQuery = z.object({
  year: reportYear(z.coerce.number()),
  include: z.enum(['approved', 'submitted']).default('approved'),
  rank: z.enum(INDICATOR_KEYS, { error: '排名指标无效' }).default('newReceived'),
});

export type TrendPoint = { year: number; units: number; newReceived: number; disclosure: { numerator: number; denominator: number; value: number | null } };

export type CompletionCounts = Record<ReportStatus | 'none' | 'late', number>;
/** Level 1: the agencies directly below the reviewer's own; level 2 below those… */
export type CompletionLevel = { level: number; counts: CompletionCounts };

export type DistrictInsight = {
  year: number;
  include: SummaryInclude;
  districtName: string;
  indicators: Indicator[];
  /** Units whose reports the indicators read. */
  units: number;
  /** Reports of an included status left out: another format edition. */
  otherEdition: number;
  trend: TrendPoint[];
  rankKey: IndicatorKey;
  ranking: AgencyFigure[];
  completion: CompletionLevel[];
  deadline: string;
  thresholds: RiskThresholds;
  ruleTexts: Record<RiskRule, string>;
  flags: RiskFlag[];
};

type Row = { reportId: string; agencyId: string; agencyName: string; year: number; status: ReportStatus; edition: string };

export async function districtInsight(db: Db, user: SessionUser, input: unknown, today = new Date()): Promise<DistrictInsight> {
  if (!canAtOwnAgency(user, 'summary.read')) throw new AppError('FORBIDDEN', '只有审核人和管理员可以查看辖区分析');
  const parsed = ZInsightQuery.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '请求无效');
  const { year, include, rank } = parsed.data;
  const scope = await scopeOf(db, user);
  const ids = [...scope.agencyIds].filter((a) => a !== user.agencyId);
  const tree = ids.length
    ? await db.select({ id: agencies.id, name: agencies.name, parentId: agencies.parentId }).from(agencies).where(inArray(agencies.id, ids)).orderBy(asc(agencies.name))
    : [];
  const rows: Row[] = ids.length
    ? await db
        .select({ reportId: reports.id, agencyId: reports.agencyId, agencyName: agencies.name, year: reports.year, status: reports.status, edition: reports.edition })
        .from(reports)
        .innerJoin(agencies, eq(agencies.id, reports.agencyId))
        .where(inArray(reports.agencyId, ids))
        .orderBy(asc(reports.year), asc(agencies.name))
    : [];
  const statuses = INCLUDED_STATUSES[include];
  const wanted = rows.filter((r) => statuses.includes(r.status) && r.edition === currentTemplate.edition);
  // Content only for the reports read: drafts of every year need not be loaded.
  const contents = new Map<string, InsightEntry['report']>();
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500).map((r) => r.reportId);
    for (const c of await db.select({ id: reports.id, content: reports.content }).from(reports).where(inArray(reports.id, chunk))) contents.set(c.id, c.content);
  }
  const byYear = new Map<number, InsightEntry[]>();
  for (const r of wanted) {
    const list = byYear.get(r.year) ?? [];
    list.push({ agencyId: r.agencyId, agencyName: r.agencyName, reportId: r.reportId, report: contents.get(r.reportId)! });
    byYear.set(r.year, list);
  }
  const indicatorsOf = new Map<number, Indicator[]>();
  /** All indicators of the year shown and the year before (risk flags); the trend's two of the others. */
  const indicatorsFor = (y: number) => {
    if (!indicatorsOf.has(y)) indicatorsOf.set(y, computeIndicators(currentTemplate, byYear.get(y) ?? [], y === year || y === year - 1 ? undefined : TREND_KEYS));
    return indicatorsOf.get(y)!;
  };
  const pick = (list: Indicator[], key: IndicatorKey) => list.find((i) => i.key === key)!;
  const trend: TrendPoint[] = [...byYear.keys()]
    .sort((a, b) => a - b)
    .map((y) => {
      const list = indicatorsFor(y);
      const d = pick(list, 'disclosureRate');
      return { year: y, units: byYear.get(y)!.length, newReceived: pick(list, 'newReceived').numerator, disclosure: { numerator: d.numerator, denominator: d.denominator ?? 0, value: d.value } };
    });
  const indicators = indicatorsFor(year);
  const entries = byYear.get(year) ?? [];

  const [dl] = await db
    .select({ dueDate: reportDeadlines.dueDate })
    .from(reportDeadlines)
    .where(and(eq(reportDeadlines.agencyId, user.agencyId), eq(reportDeadlines.year, year)));
  const deadline = dl?.dueDate ?? publicationDeadline(year);
  const ofYear = rows.filter((r) => r.year === year);
  const events = ofYear.length
    ? await db
        .select({
          reportId: reportEvents.reportId,
          toStatus: reportEvents.toStatus,
          first: sql<Date>`min(${reportEvents.at})`.mapWith(reportEvents.at),
          last: sql<Date>`max(${reportEvents.at})`.mapWith(reportEvents.at),
        })
        .from(reportEvents)
        .where(and(inArray(reportEvents.reportId, ofYear.map((r) => r.reportId)), inArray(reportEvents.toStatus, ['submitted', 'approved'])))
        .groupBy(reportEvents.reportId, reportEvents.toStatus)
    : [];
  const firstSubmitted = new Map(events.filter((e) => e.toStatus === 'submitted').map((e) => [e.reportId, new Date(e.first)]));
  const lastApproved = new Map(events.filter((e) => e.toStatus === 'approved').map((e) => [e.reportId, new Date(e.last)]));

  // Levels of the tree below the reviewer's agency.
  const parentOf = new Map(tree.map((a) => [a.id, a.parentId]));
  const levelOf = (id: string): number => {
    let level = 0;
    for (let at: string | null | undefined = id; at && at !== user.agencyId && level <= tree.length; at = parentOf.get(at)) level++;
    return level;
  };
  const statusOf = new Map(ofYear.map((r) => [r.agencyId, r]));
  const levels = new Map<number, CompletionCounts>();
  for (const a of tree) {
    const level = levelOf(a.id);
    const counts = levels.get(level) ?? { none: 0, draft: 0, submitted: 0, returned: 0, approved: 0, late: 0 };
    const r = statusOf.get(a.id);
    counts[r?.status ?? 'none']++;
    if (isLateFor(deadline, r ? (firstSubmitted.get(r.reportId) ?? null) : null, today)) counts.late++;
    levels.set(level, counts);
  }
  const completion = [...levels.entries()].sort((a, b) => a[0] - b[0]).map(([level, counts]) => ({ level, counts }));

  const thresholds = env().riskThresholds;
  const lastYearList = byYear.has(year - 1) ? indicatorsFor(year - 1) : null;
  const approvals = ofYear.flatMap((r) =>
    r.status === 'approved' && lastApproved.has(r.reportId)
      ? [{ agencyId: r.agencyId, agencyName: r.agencyName, reportId: r.reportId, approvedOn: chinaDay(lastApproved.get(r.reportId)!) }]
      : [],
  );
  // The first version of an imported report keeps its totals as printed: what the unit published.
  const firstVersions = entries.length
    ? await db
        .select({ reportId: reportVersions.reportId, content: reportVersions.content })
        .from(reportVersions)
        .where(
          and(
            inArray(reportVersions.reportId, entries.map((e) => e.reportId!)),
            eq(reportVersions.version, 1),
            sql`${reportVersions.content}->'meta'->>'totals' = 'asPrinted'`,
          ),
        )
    : [];
  const storedTotals = totalsFlags(currentTemplate, entries);
  const flaggedNow = new Set(storedTotals.map((f) => f.agencyId));
  const entryOf = new Map(entries.map((e) => [e.reportId, e]));
  const importedTotals = totalsFlags(
    currentTemplate,
    firstVersions.flatMap((v) => {
      const e = entryOf.get(v.reportId);
      return e && !flaggedNow.has(e.agencyId) && v.content.edition === currentTemplate.edition ? [{ ...e, report: v.content }] : [];
    }),
    'imported',
  );
  const flags = [
    ...correctionFlags(pick(indicators, 'reviewCorrectionRate'), thresholds),
    ...(lastYearList ? swingFlags(pick(indicators, 'newReceived'), pick(lastYearList, 'newReceived'), thresholds) : []),
    ...storedTotals,
    ...importedTotals,
    ...lateFlags(approvals, deadline),
  ];
  return {
    year,
    include,
    districtName: user.agencyName,
    indicators,
    units: entries.length,
    otherEdition: rows.filter((r) => r.year === year && statuses.includes(r.status) && r.edition !== currentTemplate.edition).length,
    trend,
    rankKey: rank,
    ranking: rankAgencies(pick(indicators, rank)),
    completion,
    deadline,
    thresholds,
    ruleTexts: riskRuleTexts(thresholds),
    flags,
  };
}

/** 文峰区2025年度政府信息公开分析 */
export function insightTitle(insight: Pick<DistrictInsight, 'districtName' | 'year'>): string {
  return `${insight.districtName}${insight.year}年度政府信息公开分析`;
}

const unitOf = (i: Indicator) => (i.kind === 'rate' ? '%' : '件');

/** The indicator table, one row per indicator: what the XLSX's first sheet holds. */
export function insightIndicatorRows(insight: DistrictInsight): (string | number | null)[][] {
  return [
    ['分组', '指标', '计算方法', '分子', '分母', '数值', '单位', '说明'],
    ...insight.indicators.map((i) => [
      i.group,
      i.name,
      i.formula,
      i.numerator,
      i.denominator,
      chartValue(i.kind, i.value),
      unitOf(i),
      [i.value === null ? '分母为 0，无数值' : '', i.smallBase ? `基数小（分母不超过 ${SMALL_BASE_MAX} 件）` : '', i.blanks ? `${i.blanks} 个空白单元格按 0 计` : ''].filter(Boolean).join('；'),
    ]),
  ];
}

/** Every unit's value of every indicator. */
export function insightAgencyRows(insight: DistrictInsight): (string | number | null)[][] {
  const names = insight.indicators.map((i) => `${i.name}（${unitOf(i)}）`);
  const first = insight.indicators[0]?.agencies ?? [];
  return [['单位', ...names], ...first.map((a, n) => [a.agencyName, ...insight.indicators.map((i) => chartValue(i.kind, i.agencies[n].value))])];
}

export function insightFlagRows(insight: DistrictInsight): (string | number | null)[][] {
  return [['规则', '单位', '情况'], ...insight.flags.map((f) => [insight.ruleTexts[f.rule], f.agencyName, f.message])];
}

/** The indicator table as XLSX: 指标, 各单位, 风险提示. */
export async function exportInsightXlsx(db: Db, user: SessionUser, input: unknown): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
  const insight = await districtInsight(db, user, input);
  const stem = insightTitle(insight).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  const bytes = await toXlsx([
    { name: '指标', rows: insightIndicatorRows(insight) },
    { name: '各单位', rows: insightAgencyRows(insight) },
    { name: '风险提示', rows: insightFlagRows(insight) },
  ]);
  return { bytes, fileName: `${stem}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}

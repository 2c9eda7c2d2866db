/**
 * A district insight built as the service builds it (lib/server/insight.ts), without a
 * database: generated reports for `units` units over two years, then the indicators, ranking
 * and every kind of risk flag. 行政诉讼 is zero everywhere (its rates have no value: 「—」) and
 * 行政复议 has two settled cases in the whole district (a small base).
 */
import { recomputeTotals, setCell } from '../../lib/report/cells';
import type { Report } from '../../lib/report/types';
import { consistentReport, T4_GROUPS, T4_MEASURES } from '../../lib/report/generate';
import { template2021 as template } from '../../templates/2021';
import { computeIndicators, rankAgencies, type IndicatorKey, type InsightEntry } from '../../lib/insight/indicators';
import { correctionFlags, DEFAULT_RISK_THRESHOLDS, lateFlags, riskRuleTexts, swingFlags, totalsFlags } from '../../lib/insight/risk';
import type { DistrictInsight } from '../../lib/insight/district';

export const SAMPLE_YEAR = 2024;

export function unitName(i: number): string {
  return i % 3 === 0 ? `文峰区第${i + 1}街道办事处` : `文峰区第${i + 1}社区居民委员会`;
}

function withTable4(report: Report, review: Partial<Record<(typeof T4_MEASURES)[number], number>>): Report {
  let r = report;
  for (const group of T4_GROUPS) for (const m of T4_MEASURES) r = setCell(r, { table: 'table4', row: group, col: m }, group === 'review' ? (review[m] ?? 0) : 0);
  return recomputeTotals(template, r);
}

export function sampleInsight(units = 6, rankKey: IndicatorKey = 'disclosureRate'): DistrictInsight {
  const year = SAMPLE_YEAR;
  const entries = (y: number): InsightEntry[] =>
    Array.from({ length: units }, (_, i) => {
      let report = consistentReport(100 * (y - 2000) + i, 20 + i * 7, unitName(i), y);
      // One unit settled two 复议 (one corrected): the district's 复议纠错率 rests on 2 cases.
      report = withTable4(report, i === 0 ? { upheld: 1, corrected: 1 } : {});
      return { agencyId: `a${i}`, agencyName: unitName(i), reportId: `r${y}-${i}`, report };
    });
  const now = entries(year);
  const before = entries(year - 1);
  // The third unit's 依申请新收 jumps: a swing flag; the second's stored totals disagree: a totals flag.
  if (units > 2) {
    let r = now[2].report;
    for (const col of ['natural', 'total']) r = setCell(r, { table: 'table3', row: 'newReceived', col }, 50_000);
    now[2] = { ...now[2], report: r };
  }
  const indicators = computeIndicators(template, now);
  const last = computeIndicators(template, before);
  const pick = (list: typeof indicators, key: IndicatorKey) => list.find((i) => i.key === key)!;
  const t = DEFAULT_RISK_THRESHOLDS;
  const flags = [
    ...correctionFlags(pick(indicators, 'reviewCorrectionRate'), t),
    ...swingFlags(pick(indicators, 'newReceived'), pick(last, 'newReceived'), t),
    ...totalsFlags(template, now),
    ...lateFlags([{ agencyId: 'a1', agencyName: unitName(1), reportId: `r${year}-1`, approvedOn: `${year + 1}-03-02` }], `${year + 1}-01-31`),
  ];
  const trendOf = (list: typeof indicators, y: number) => {
    const d = pick(list, 'disclosureRate');
    return { year: y, units, newReceived: pick(list, 'newReceived').numerator, disclosure: { numerator: d.numerator, denominator: d.denominator ?? 0, value: d.value } };
  };
  return {
    year,
    include: 'approved',
    agencyId: 'd0',
    districtName: '文峰区',
    path: [{ agencyId: 'd0', agencyName: '文峰区' }],
    indicators,
    branches: [],
    units,
    otherEdition: 0,
    trend: [trendOf(last, year - 1), trendOf(indicators, year)],
    rankKey,
    ranking: rankAgencies(pick(indicators, rankKey)),
    completion: [
      { level: 1, counts: { none: 1, draft: 1, returned: 0, submitted: 1, approved: units, late: 1 } },
      { level: 2, counts: { none: 2, draft: 0, returned: 1, submitted: 0, approved: 3, late: 0 } },
    ],
    deadline: `${year + 1}-01-31`,
    thresholds: t,
    ruleTexts: riskRuleTexts(t),
    flags,
  };
}

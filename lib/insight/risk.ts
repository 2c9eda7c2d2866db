/**
 * Risk flags (issue #15, design §5.3): units that stand out by a stated rule, each flag with its
 * evidence.
 * Pure functions; the thresholds are one object, configurable per installation through
 * NIANBAO_RISK_THRESHOLDS (read in lib/env.ts, parsed by `parseRiskThresholds`).
 */
import { z } from '../validation';
import type { ReportTemplate } from '../template/types';
import { checkContext } from '../checks/context';
import { sumRuleFindings } from '../checks/tables';
import { cellId, getCell, numericValue } from '../report/cells';
import { cellLabels, formatFigure, SMALL_BASE_MAX, type EvidenceCell, type Indicator, type InsightEntry } from './indicators';

export const ZRiskThresholds = z
  .object({
    reviewCorrectionRate: z
      .number({ error: 'reviewCorrectionRate 须为 0 到 1 之间的数（如 0.2 表示 20%）' })
      .min(0, 'reviewCorrectionRate 不能小于 0')
      .max(1, 'reviewCorrectionRate 不能大于 1'),
    minSettledCases: z.number({ error: 'minSettledCases 须为整数' }).int('minSettledCases 须为整数').min(1, 'minSettledCases 至少为 1'),
    applicationChangeFactor: z.number({ error: 'applicationChangeFactor 须为大于 1 的数' }).gt(1, 'applicationChangeFactor 须大于 1'),
  })
  .strict();

export type RiskThresholds = z.infer<typeof ZRiskThresholds>;

/**
 * Defaults: 复议纠错率 above 20 % over more than SMALL_BASE_MAX settled cases; applications
 * more than tenfold (or less than a tenth) of last year's.
 */
export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  reviewCorrectionRate: 0.2,
  minSettledCases: SMALL_BASE_MAX + 1,
  applicationChangeFactor: 10,
};

/**
 * The installation's thresholds from NIANBAO_RISK_THRESHOLDS (JSON; any key left out keeps its
 * default). Throws a Chinese message naming the bad key.
 */
export function parseRiskThresholds(raw: string | undefined): RiskThresholds {
  if (!raw) return DEFAULT_RISK_THRESHOLDS;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('NIANBAO_RISK_THRESHOLDS 不是有效的 JSON');
  }
  const parsed = ZRiskThresholds.partial().safeParse(json);
  if (!parsed.success) throw new Error(`NIANBAO_RISK_THRESHOLDS：${parsed.error.issues.map((i) => i.message).join('；')}`);
  return { ...DEFAULT_RISK_THRESHOLDS, ...parsed.data };
}

/** The risk rules, in the order the page and the PDF list them. */
export const RISK_RULES = ['correction', 'swing', 'totals', 'late'] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export type RiskFlag = {
  rule: RiskRule;
  agencyId: string;
  agencyName: string;
  reportId: string | null;
  /** Plain Chinese, complete on its own. */
  message: string;
  /** The cells behind the flag (empty for a late approval: its evidence is the date). */
  cells: EvidenceCell[];
};

/**
 * Units listed per rule where the flags are read (the page, the PDF): a province flags
 * thousands, which nobody reads one by one. The rest are counted, paged on the page and all in
 * the Excel (「风险提示」).
 */
export const FLAGS_SHOWN = 20;

/** The order each rule's units are listed in (`worstFirst`), as a reader is told it. */
export const RISK_ORDER_TEXTS: Record<RiskRule, string> = {
  correction: '纠错率最高的在前',
  swing: '增减倍数最大的在前',
  totals: '按单位名称排列',
  late: '通过审核最晚的在前',
};

/** The rules as a reader sees them, with the installation's numbers. */
export function riskRuleTexts(t: RiskThresholds): Record<RiskRule, string> {
  return {
    correction: `复议纠错率高于 ${formatFigure('rate', t.reviewCorrectionRate)}（已审结不少于 ${t.minSettledCases} 件）`,
    swing: `依申请新收与上年相比增减超过 ${t.applicationChangeFactor} 倍（为 0 的一年按 1 件计；上年报告也在所读范围内的单位才比较）`,
    totals: '报告（或导入时的原报告）印出的合计与明细不一致',
    late: '报告在截止日期之后才通过审核',
  };
}

/**
 * The worst first — where a rule has a measure of how far a unit is from it — so that the
 * FLAGS_SHOWN listed are those most worth a look; equals keep the order they came in (units by name).
 */
function worstFirst<T>(flags: readonly T[], howFar: (flag: T) => number): T[] {
  return flags
    .map((flag, i) => ({ flag, i, far: howFar(flag) }))
    .sort((a, b) => b.far - a.far || a.i - b.i)
    .map((x) => x.flag);
}

/** 复议纠错率 above the threshold, for units with enough settled cases: the highest rate first. */
export function correctionFlags(reviewRate: Indicator, t: RiskThresholds): RiskFlag[] {
  const over = reviewRate.agencies.filter(
    (a) => a.value !== null && a.denominator !== null && a.denominator >= t.minSettledCases && a.value > t.reviewCorrectionRate,
  );
  return worstFirst(over, (a) => a.value!)
    .map((a) => ({
      rule: 'correction' as const,
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      reportId: a.reportId,
      message: `复议纠错率 ${formatFigure('rate', a.value)}（${a.numerator} / ${a.denominator}），高于 ${formatFigure('rate', t.reviewCorrectionRate)}`,
      cells: a.cells,
    }));
}

/**
 * 依申请新收 changed more than `applicationChangeFactor` times from last year (units with both
 * years). `lastYear` is computed over the same selection as `current` — the statuses read
 * (approved, or everything handed in) and the same format edition — so a unit whose report of
 * last year is still a draft, returned, or only submitted while approved ones are read, is not
 * compared: its figures are not what the page reads for last year (the trend leaves it out
 * too), and a half-typed draft would call almost any change tenfold. The largest change first.
 */
export function swingFlags(current: Indicator, lastYear: Indicator, t: RiskThresholds): RiskFlag[] {
  const before = new Map(lastYear.agencies.map((a) => [a.agencyId, a]));
  const factor = new Map<string, number>();
  const flags = current.agencies.flatMap((a) => {
    const prev = before.get(a.agencyId);
    if (!prev) return [];
    const now = a.numerator;
    const then = prev.numerator;
    const up = now > t.applicationChangeFactor * Math.max(then, 1);
    const down = then > t.applicationChangeFactor * Math.max(now, 1);
    if (!up && !down) return [];
    factor.set(a.agencyId, up ? Math.max(now, 1) / Math.max(then, 1) : Math.max(then, 1) / Math.max(now, 1));
    return [
      {
        rule: 'swing' as const,
        agencyId: a.agencyId,
        agencyName: a.agencyName,
        reportId: a.reportId,
        message: `依申请新收由上年 ${then} 件${up ? '增至' : '降至'} ${now} 件`,
        cells: a.cells,
      },
    ];
  });
  return worstFirst(flags, (f) => factor.get(f.agencyId)!);
}

/**
 * Printed totals that disagree with their details: the template's sum rules (as runChecks runs
 * them) on the stored report, or (`imported`) on the report as first imported — submission
 * refuses such errors, so a handed-in report shows them only in the version it was imported as.
 */
export function totalsFlags(template: ReportTemplate, entries: readonly InsightEntry[], source: 'stored' | 'imported' = 'stored'): RiskFlag[] {
  const ctx = checkContext(template);
  const labels = cellLabels(template);
  return entries.flatMap((e) => {
    // The sum rules only (what runChecks reports first): the text checks have no say here.
    const findings = sumRuleFindings(ctx, e.report).filter((f) => f.severity === 'error');
    if (!findings.length) return [];
    return [
      {
        rule: 'totals' as const,
        agencyId: e.agencyId,
        agencyName: e.agencyName,
        reportId: e.reportId ?? null,
        message: `${source === 'imported' ? '导入的原报告：' : ''}${findings.length === 1 ? findings[0].message : `${findings.length} 处合计与明细不一致：${findings[0].message}等`}`,
        cells: [...new Map(findings.flatMap((f) => f.cells).map((c) => [cellId(c), c])).values()].map((c) => ({
          id: cellId(c),
          label: labels.get(cellId(c)) ?? cellId(c),
          value: numericValue(getCell(e.report, c)),
        })),
      },
    ];
  });
}

export type Approval = { agencyId: string; agencyName: string; reportId: string; /** China calendar day, YYYY-MM-DD. */ approvedOn: string };

/** Approved after the deadline (a day, YYYY-MM-DD): the latest first. */
export function lateFlags(approvals: readonly Approval[], deadline: string): RiskFlag[] {
  return worstFirst(
    approvals.filter((a) => a.approvedOn > deadline),
    (a) => Date.parse(a.approvedOn),
  ).map((a) => ({
      rule: 'late' as const,
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      reportId: a.reportId,
      message: `${a.approvedOn} 通过审核，截止日期为 ${deadline}`,
      cells: [],
    }));
}

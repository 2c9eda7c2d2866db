/**
 * The insight page's server work for a district of 60 units (issue #15: ≤ 200 ms): the
 * indicators of the year, the trend over five years, the ranking, the risk flags (the checks
 * run on every report) and the five chart SVGs — everything but the database reads.
 */
import { performance } from 'node:perf_hooks';
import { currentTemplate as template } from '../lib/template/registry';
import { computeIndicators, rankAgencies, type InsightEntry } from '../lib/insight/indicators';
import { correctionFlags, DEFAULT_RISK_THRESHOLDS, lateFlags, swingFlags, totalsFlags } from '../lib/insight/risk';
import { completionChart, distributionChart, rankingChart, rateTrendChart, receivedTrendChart, renderChartSvg } from '../lib/insight/charts';
import { consistentReport } from '../test/support/generate';
import { summarize, type BenchResult } from './stats';

const UNITS = 60;
const YEARS = [2021, 2022, 2023, 2024, 2025];

function district(): Map<number, InsightEntry[]> {
  return new Map(
    YEARS.map((year, y) => [
      year,
      Array.from({ length: UNITS }, (_, i) => ({
        agencyId: `a${i}`,
        agencyName: `文峰区第${i + 1}街道办事处`,
        reportId: `r${y}-${i}`,
        report: consistentReport(1000 * y + i, 10 + (i % 7) * 20, `文峰区第${i + 1}街道办事处`, year),
      })),
    ]),
  );
}

function insight(byYear: Map<number, InsightEntry[]>) {
  const pick = (list: ReturnType<typeof computeIndicators>, key: string) => list.find((i) => i.key === key)!;
  const all = new Map([...byYear].map(([y, e]) => [y, computeIndicators(template, e)]));
  const year = YEARS.at(-1)!;
  const now = all.get(year)!;
  const trend = YEARS.map((y) => ({ year: y, newReceived: pick(all.get(y)!, 'newReceived').numerator, disclosureRate: pick(all.get(y)!, 'disclosureRate').value }));
  const ranked = pick(now, 'disclosureRate');
  const flags = [
    ...correctionFlags(pick(now, 'reviewCorrectionRate'), DEFAULT_RISK_THRESHOLDS),
    ...swingFlags(pick(now, 'newReceived'), pick(all.get(year - 1)!, 'newReceived'), DEFAULT_RISK_THRESHOLDS),
    ...totalsFlags(template, byYear.get(year)!),
    ...lateFlags([], `${year + 1}-01-31`),
  ];
  const svgs = [
    renderChartSvg(receivedTrendChart(trend)),
    renderChartSvg(rateTrendChart(trend)),
    renderChartSvg(distributionChart(ranked.name, ranked.kind, ranked.agencies)),
    renderChartSvg(rankingChart(ranked.name, ranked.kind, rankAgencies(ranked))),
    renderChartSvg(completionChart([{ level: 1, counts: { none: 3, draft: 5, returned: 2, submitted: 10, approved: 40, late: 4 } }])),
  ];
  return { flags: flags.length, bytes: svgs.reduce((s, x) => s + x.length, 0) };
}

export function benchInsight(runs = 30): BenchResult[] {
  const byYear = district();
  for (let i = 0; i < 3; i++) insight(byYear); // warm the JIT and ECharts
  const samples: number[] = [];
  const charts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    insight(byYear);
    samples.push(performance.now() - t0);
    const t1 = performance.now();
    renderChartSvg(rankingChart('实质公开率', 'rate', rankAgencies(computeIndicators(template, byYear.get(2025)!).find((x) => x.key === 'disclosureRate')!)));
    charts.push(performance.now() - t1);
  }
  return [
    summarize(`insight: ${UNITS} units × ${YEARS.length} years, flags, 5 SVG charts`, samples, 'ms', '≤ 200 ms'),
    summarize(`insight: ranking chart SVG alone (${UNITS} units)`, charts, 'ms'),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printResults } = await import('./stats');
  printResults(benchInsight());
}

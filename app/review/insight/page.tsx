/**
 * /review/insight?year=YYYY&include=approved|submitted&rank=KEY&ev=KEY — how disclosure went in
 * the district: the indicators with their formulas (each figure opens its evidence: units and
 * cells), trends over the years, the units ranked, completion per level and the risk flags.
 * Charts are SVG drawn on the server, each followed by its table; 「下载 PDF」 has the same on
 * A4 (/api/review/insight/pdf). Who: reviewers and admins (a filer is sent to their own reports).
 */
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { z, ZId } from '@/lib/validation';
import { getDb } from '@/lib/db/client';
import { canAtOwnAgency } from '@/lib/auth/permissions';
import { reportYear } from '@/lib/report/schema';
import { INDICATOR_KEYS, indicatorDefs } from '@/lib/insight/indicators';
import { branchChart, completionCharts, distributionChart, rankingCharts, RANKING_CHART_ROWS, rateTrendChart, receivedTrendChart } from '@/lib/insight/charts';
import { RISK_RULES } from '@/lib/insight/risk';
import { currentTemplate } from '@/lib/template/registry';
import { districtInsight } from '@/lib/server/insight';
import { insightScopeText, insightTitle } from '@/lib/insight/district-rows';
import { YearIncludeForm } from '@/components/review/year-include-form';
import { TopBar } from '@/app/_lib/top-bar';
import { IndicatorEvidence, IndicatorTable } from '@/components/insight/indicator-table';
import { InsightChart } from '@/components/insight/insight-chart';
import { RiskFlags } from '@/components/insight/risk-flags';
import { BranchTable } from '@/components/insight/branch-table';
import { showsBranches } from '@/lib/insight/branches';
import { AgencyPath } from '@/components/review/agency-path';
import { PrintButton } from '@/components/insight/print-button';
import { requireUser } from '../../_lib/session';

export const metadata = { title: '辖区分析' };


const ZParams = z.object({
  year: reportYear(z.coerce.number()).catch(() => defaultYear()),
  include: z.enum(['approved', 'submitted']).catch('approved'),
  rank: z.enum(INDICATOR_KEYS).catch('newReceived'),
  ev: z.enum(INDICATOR_KEYS).optional().catch(undefined),
  /** One rule's risk flags read page by page. */
  risk: z.enum(RISK_RULES).optional().catch(undefined),
  rp: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  /** Drilled down to an agency below the user's own (checked against the user's scope by the service). */
  agency: ZId.optional().catch(undefined),
});

/** Reports are written early in the next year: until October, the year to look at is last year. */
function defaultYear(now = new Date()): number {
  return now.getMonth() >= 9 ? now.getFullYear() : now.getFullYear() - 1;
}

export default async function InsightPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser();
  if (!canAtOwnAgency(user, 'summary.read')) redirect('/reports');
  const { year, include, rank, ev, risk, rp, agency } = ZParams.parse(await searchParams);
  const insight = await districtInsight(await getDb(), user, { year, include, rank, agency });
  const drilled = insight.agencyId !== user.agencyId;
  const at = (agencyId: string): Record<string, string> => (agencyId === user.agencyId ? {} : { agency: agencyId });
  /** The analysis of `agencyId` (the user's own: no parameter), with this page's choices. */
  const analysisOf = (agencyId: string, extra: Record<string, string> = {}) => `?${new URLSearchParams({ year: String(year), include, rank, ...at(agencyId), ...extra })}`;
  const query = (extra: Record<string, string>) => analysisOf(insight.agencyId, extra);
  const files = (extra: Record<string, string> = {}) => new URLSearchParams({ year: String(year), include, ...at(insight.agencyId), ...extra });
  // The level below reads as its own analysis when it has units below it; a unit is its report.
  const branchHref = (b: { agencyId: string; isLeaf: boolean; reportId: string | null }) =>
    b.isLeaf ? (b.reportId ? `/reports/${b.reportId}` : null) : analysisOf(b.agencyId);
  const showBranches = showsBranches(insight.branches, drilled);
  /** A figure's evidence, opened (the page carries only that one's table). */
  const evidenceHref = (key: string) => `${query({ ev: key })}#ev-${key}`;
  const riskHref = (rule: string | null, page = 1) => `${query(rule ? { risk: rule, rp: String(page) } : {})}#${rule ? `risk-${rule}` : 'risk-title'}`;
  const ranked = insight.indicators.find((i) => i.key === rank)!;
  // A province's thousands of units: the first and the last RANKING_CHART_ROWS, on one scale.
  const ranking = rankingCharts(ranked.name, ranked.kind, insight.ranking);
  const trend = insight.trend.map((p) => ({ year: p.year, newReceived: p.newReceived, disclosureRate: p.disclosure.value }));
  return (
    <>
      <TopBar user={user} />
      <main className="page insight">
        <section className="card" aria-labelledby="insight-title">
          <div className="district-head">
            <h1 id="insight-title">{insightTitle(insight)}</h1>
            <YearIncludeForm year={year} include={include} includeLabel="范围">
              {drilled && <input type="hidden" name="agency" value={insight.agencyId} />}
              <label htmlFor="rank">排名指标</label>
              <select id="rank" name="rank" defaultValue={rank}>
                {indicatorDefs(currentTemplate).map((d) => (
                  <option key={d.key} value={d.key}>
                    {d.name}
                  </option>
                ))}
              </select>
            </YearIncludeForm>
          </div>
          <AgencyPath path={insight.path} href={(id) => analysisOf(id)} label="所在层级" testId="insight-path" />
          <p className="no-print">
            <Link href={`/review?year=${year}`}>返回辖区报告</Link>　<Link href={`/review/summary?${files()}`}>辖区汇总</Link>
          </p>
          <p role="status" data-testid="insight-message">
            {insightScopeText(insight)}
          </p>
          <p className="no-print insight-actions">
            <a className="btn" href={`/api/review/insight/xlsx?${files()}`} download>
              下载指标表 Excel
            </a>
            {/* Made on the server: A4 as the report PDF, the charts as vectors. */}
            <a className="btn" href={`/api/review/insight/pdf?${files({ rank })}`} download>
              下载 PDF
            </a>
            <PrintButton />
          </p>
          <h2>指标</h2>
          <IndicatorTable indicators={insight.indicators} evidenceHref={evidenceHref} />
        </section>
        {showBranches && (
          <section className="card" aria-labelledby="branches-title">
            <h2 id="branches-title">下级机关（{insight.branches.length} 个）</h2>
            <p className="muted">每个下级机关的数字由其全部下级单位的报告相加（比率为分子之和除以分母之和，不是各单位比率的平均）；点机关名称查看其分析，最下一级查看报告。</p>
            <BranchTable branches={insight.branches} indicators={insight.indicators} rank={rank} href={branchHref} />
            <InsightChart spec={branchChart(ranked.name, ranked.kind, insight.branches.map((b) => ({ agencyName: b.agencyName, value: b.figures[rank].value })))} />
          </section>
        )}
        <section className="card" aria-labelledby="risk-title">
          <h2 id="risk-title">风险提示</h2>
          <RiskFlags flags={insight.flags} ruleTexts={insight.ruleTexts} open={risk} page={rp} href={riskHref} />
        </section>
        <section className="card" aria-labelledby="charts-title">
          <h2 id="charts-title">图表</h2>
          <InsightChart spec={receivedTrendChart(trend)} />
          <InsightChart spec={rateTrendChart(trend)} />
          <InsightChart spec={distributionChart(ranked.name, ranked.kind, insight.ranking)} />
          {ranking.partial && (
            <p className="muted">
              单位较多（{insight.ranking.length} 个），排名图只画出前 {RANKING_CHART_ROWS} 名和后 {RANKING_CHART_ROWS} 名；全部单位见「下载指标表 Excel」的「各单位」表。
            </p>
          )}
          {ranking.parts.map((p) => (
            <InsightChart
              key={p.from}
              spec={{ ...p.spec, id: ranking.parts.length > 1 ? `ranking-${p.from}` : p.spec.id }}
              drawing={{ valueMax: ranking.valueMax }}
              caption={ranking.parts.length > 1 ? `${p.spec.title}（第 ${p.from}–${p.to} 位）` : undefined}
            />
          ))}
          {completionCharts(insight.completion).map((spec) => (
            <InsightChart key={spec.id} spec={spec} />
          ))}
        </section>
        <section className="card evidence-card" aria-labelledby="evidence-title">
          <h2 id="evidence-title">来源（各单位的单元格）</h2>
          {insight.indicators.map((i) => (
            <IndicatorEvidence key={i.key} indicator={i} open={ev === i.key} href={evidenceHref(i.key)} />
          ))}
        </section>
      </main>
    </>
  );
}

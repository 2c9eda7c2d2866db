/**
 * The insight page's server work for a district of 60 units (issue #15: ≤ 200 ms): the
 * indicators of the year, the trend over five years, the ranking, the risk flags (the checks
 * run on every report) and the five chart SVGs — everything but the database reads.
 */
import { performance } from 'node:perf_hooks';
import { currentTemplate as template } from '../lib/template/registry';
import { computeIndicators, rankAgencies, type InsightEntry } from '../lib/insight/indicators';
import { correctionFlags, DEFAULT_RISK_THRESHOLDS, lateFlags, swingFlags, totalsFlags } from '../lib/insight/risk';
import { completionChart, distributionChart, forgetChartDrawings, rankingChart, rateTrendChart, receivedTrendChart, renderChartSvg } from '../lib/insight/charts';
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
  const year = YEARS.at(-1)!;
  // As the service: every indicator of the year and the one before, the trend's two of the others.
  const all = new Map([...byYear].map(([y, e]) => [y, computeIndicators(template, e, y >= year - 1 ? undefined : ['newReceived', 'disclosureRate'])]));
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
    // Each run draws its charts (renderChartSvg keeps what it drew: the figures of a first look).
    forgetChartDrawings();
    const t0 = performance.now();
    insight(byYear);
    samples.push(performance.now() - t0);
    forgetChartDrawings();
    const t1 = performance.now();
    renderChartSvg(rankingChart('实质公开率', 'rate', rankAgencies(computeIndicators(template, byYear.get(2025)!).find((x) => x.key === 'disclosureRate')!)));
    charts.push(performance.now() - t1);
  }
  return [
    summarize(`insight: ${UNITS} units × ${YEARS.length} years, flags, 5 SVG charts`, samples, 'ms', '≤ 200 ms'),
    summarize(`insight: ranking chart SVG alone (${UNITS} units)`, charts, 'ms'),
  ];
}

/**
 * The same through the service on embedded PGlite: the reports of 60 units × 5 years read from
 * the database (with the approval events of the year shown), then everything above.
 */
export async function benchInsightService(runs = 20): Promise<BenchResult[]> {
  const { eq } = await import('drizzle-orm');
  const { openDb } = await import('../lib/db/client');
  const { agencies, reports, reportEvents } = await import('../lib/db/schema');
  const { login } = await import('../lib/auth/login');
  const { getSessionUser } = await import('../lib/auth/session');
  const { DEMO_PASSWORD } = await import('../lib/db/seed');
  const { districtInsight } = await import('../lib/server/insight');
  const h = await openDb({ demo: true });
  try {
    const r = await login(h.db, { username: 'wenfeng', password: DEMO_PASSWORD, ip: '127.0.0.1' });
    if (!r.ok) throw new Error(r.message);
    const user = (await getSessionUser(h.db, r.token))!;
    const [top] = await h.db.select().from(agencies).where(eq(agencies.name, '文峰区'));
    for (const [year, list] of district()) {
      for (const e of list) {
        let [a] = await h.db.select().from(agencies).where(eq(agencies.name, e.agencyName));
        if (!a) [a] = await h.db.insert(agencies).values({ name: e.agencyName, parentId: top.id }).returning();
        const [rep] = await h.db.insert(reports).values({ agencyId: a.id, year, edition: '2021', status: 'approved', content: e.report }).returning();
        await h.db.insert(reportEvents).values([
          { reportId: rep.id, actorId: user.id, fromStatus: 'draft', toStatus: 'submitted', version: 1 },
          { reportId: rep.id, actorId: user.id, fromStatus: 'submitted', toStatus: 'approved', version: 1 },
        ]);
      }
    }
    const year = YEARS.at(-1)!;
    for (let i = 0; i < 3; i++) await districtInsight(h.db, user, { year });
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      forgetChartDrawings();
      const t0 = performance.now();
      const s = await districtInsight(h.db, user, { year, rank: 'disclosureRate' });
      const charts = [
        receivedTrendChart(s.trend.map((p) => ({ year: p.year, newReceived: p.newReceived, disclosureRate: p.disclosure.value }))),
        rateTrendChart(s.trend.map((p) => ({ year: p.year, newReceived: p.newReceived, disclosureRate: p.disclosure.value }))),
        distributionChart('实质公开率', 'rate', s.ranking),
        rankingChart('实质公开率', 'rate', s.ranking),
        completionChart(s.completion),
      ];
      for (const c of charts) renderChartSvg(c);
      samples.push(performance.now() - t0);
    }
    return [summarize(`insight service on PGlite + 5 SVG charts, ${UNITS} units × ${YEARS.length} years`, samples, 'ms', '≤ 200 ms')];
  } finally {
    await h.close();
  }
}

/**
 * 「下载 PDF」 of the insight (lib/server/insight-pdf.ts) for 60 units: the print data (charts as
 * specs), then a warm worker of the PDF pool drawing the five charts with ECharts and laying out
 * the pages. A first render in a fresh worker also loads ECharts and parses the fonts.
 */
export async function benchInsightPdf(runs = 12): Promise<BenchResult[]> {
  const { sampleInsight } = await import('../test/support/sample-insight');
  const { insightPrint } = await import('../lib/insight/print-layout');
  const { createPdfPool } = await import('../lib/render/pdf/pool');
  const insight = sampleInsight(UNITS);
  const pool = createPdfPool({ size: 1 });
  try {
    const t0 = performance.now();
    await pool.run({ kind: 'insight', print: insightPrint(insight) });
    const first = performance.now() - t0;
    await pool.run({ kind: 'insight', print: insightPrint(insight) });
    const samples: number[] = [];
    const build: number[] = [];
    let bytes = 0;
    let pages = 0;
    for (let i = 0; i < runs; i++) {
      const t1 = performance.now();
      const print = insightPrint(insight);
      build.push(performance.now() - t1);
      const pdf = await pool.run({ kind: 'insight', print });
      samples.push(performance.now() - t1);
      bytes = pdf.length;
      pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    }
    return [
      summarize(`insight PDF, warm worker (${UNITS} units, ${pages} pages)`, samples, 'ms'),
      summarize('insight PDF, print data alone', build, 'ms'),
      summarize('insight PDF, first render in a fresh worker', [first], 'ms'),
      summarize('insight PDF file size', [bytes / 1024], 'KB'),
    ];
  } finally {
    await pool.close();
  }
}

/**
 * The insight at province scale (issue #15: ≤ 1 s at the top with 5 000 reports, ≤ 200 ms for a
 * district of 60 units, on PostgreSQL): the whole service (`districtInsight`) read by the
 * database (lib/server/insight-sql.ts) and, for the ratio, by the former path that loads every
 * report whole (`figuresInMemory`). A province of 10 cities × N/600 districts × 60 units, each
 * with a report for the year shown and the year before (the trend and the swing rule read both;
 * lib/db/seed-province.ts), every first version kept; half of them as imported with totals as
 * printed (their sum rules are checked too) and one report in a hundred with a total that
 * disagrees with its details (loaded whole for its flag). On a scratch PostgreSQL database
 * (bench/province.ts, dropped afterwards; skipped when none answers), then on PGlite in memory
 * (the embedded default: one connection, so the statements run one after the other).
 *
 * Each scope is timed at its first look (nothing kept), after one report below changed (the
 * scope's figures computed again) and with nothing changed (lib/server/insight-cache.ts).
 *
 * Run alone: `npx tsx bench/insight.ts province`. Settings (env): INSIGHT_SIZES (500,5000),
 * SUMMARY_PG_URL as bench/province.ts.
 */
export async function benchInsightProvince(): Promise<BenchResult[]> {
  const { sql } = await import('drizzle-orm');
  type SQL = import('drizzle-orm').SQL;
  const { PROVINCE_DEMO, seedProvince } = await import('../lib/db/seed-province');
  const { districtInsight } = await import('../lib/server/insight');
  const { figuresInMemory } = await import('../lib/server/insight-sql');
  const { forgetKeptInsight } = await import('../lib/server/insight-cache');
  const { openPglite, openPostgres, PG_URL, postgresReachable, reviewerAt, time } = await import('./province');
  const kinds = [{ name: 'PGlite', open: openPglite }];
  if (await postgresReachable()) kinds.unshift({ name: 'PostgreSQL', open: openPostgres });
  else console.log(`insight province benchmark: PostgreSQL not reachable at ${PG_URL}, skipped`);
  const YEAR = 2025;
  const results: BenchResult[] = [];
  for (const kind of kinds) {
    const pg = kind.name === 'PostgreSQL';
    for (const size of (process.env.INSIGHT_SIZES ?? '500,5000').split(',').map(Number)) {
      const shape = { cities: 10, districtsPerCity: Math.max(1, Math.round(size / 600)), unitsPerDistrict: UNITS, cityDepartments: 0 };
      const db = await kind.open();
      try {
        const t0 = performance.now();
        const seeded = await seedProvince(db.h.db, { shape, years: [YEAR, YEAR - 1], allApproved: true, versions: true });
        // Half the first versions as imported (totals as printed), one report in a hundred wrong.
        await db.h.db.execute(sql`update report_versions set content = jsonb_set(content, '{meta,totals}', '"asPrinted"')
          where version = 1 and get_byte(uuid_send(report_id), 15) % 2 = 0`);
        await db.h.db.execute(sql`update reports set content = jsonb_set(jsonb_set(content, '{meta,totals}', '"asPrinted"'),
            '{tables,table3,resultsTotal,total}', to_jsonb((content #>> '{tables,table3,resultsTotal,total}')::int + 1))
          where year = ${YEAR} and get_byte(uuid_send(id), 14) % 100 = 0`);
        await db.h.db.execute(sql`analyze reports, report_versions`);
        console.log(`insight benchmark: ${kind.name}, ${seeded.agencies} agencies and ${seeded.reports} reports (two years) seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        const top = await reviewerAt(db.h, PROVINCE_DEMO.province);
        const district = await reviewerAt(db.h, '文峰区');
        const input = { year: YEAR };
        const s = await districtInsight(db.h.db, top, input);
        const d = await districtInsight(db.h.db, district, input);
        const label = (who: string, units: number) => `insight, ${who} (${units} units, ${YEAR} and ${YEAR - 1}), ${kind.name}`;
        const flags = (rule: string) => s.flags.filter((f) => f.rule === rule).length;
        console.log(`insight benchmark: ${s.units} units at the top, flags: totals ${flags('totals')}, swing ${flags('swing')}, correction ${flags('correction')}`);
        const big = s.units >= 2000;
        // Each scope three ways (insight-cache.ts): the first look (nothing kept — a new
        // instance, a restart), the look after one included report below was written (the
        // January case: its branch read again, the others kept), and a look with nothing changed.
        const looks = async (who: string, reviewer: typeof top, units: number, runs: number, target: string | undefined, below: SQL) => {
          const look = () => districtInsight(db.h.db, reviewer, input);
          const oneReport = () =>
            db.h.db.execute(sql`update reports set updated_at = now() where id = (
              select r.id from reports r join agencies a on a.id = r.agency_id
              where r.year = ${YEAR} and r.status = 'approved' and ${below} order by random() limit 1)`);
          const first = summarize(`${label(who, units)}, first look`, await time(look, runs, async () => forgetKeptInsight()), 'ms', target);
          const changed = summarize(`${label(who, units)}, one report changed`, await time(look, runs, oneReport), 'ms', target);
          const same = summarize(`${label(who, units)}, nothing changed`, await time(look, runs), 'ms', target);
          return [first, changed, same];
        };
        const [top1, ...topKept] = await looks('province top', top, s.units, big ? 9 : 15, pg ? '≤ 1000 ms' : undefined, sql`true`);
        const [dist1, ...distKept] = await looks('one district', district, d.units, 15, pg ? '≤ 200 ms' : undefined, sql`a.parent_id = ${district.agencyId}::uuid`);
        const top0 = summarize(`${label('province top', s.units)}, former in-memory path`, await time(() => districtInsight(db.h.db, top, input, new Date(), figuresInMemory), big ? 5 : 9), 'ms');
        const dist0 = summarize(`${label('one district', d.units)}, former in-memory path`, await time(() => districtInsight(db.h.db, district, input, new Date(), figuresInMemory), 15), 'ms');
        results.push(top1, ...topKept, dist1, ...distKept, top0, dist0);
        console.log(`ratio: insight in the database (first look) / in memory, ${kind.name}, ${s.units} units: top ${(top1.median / top0.median).toFixed(2)}, district ${(dist1.median / dist0.median).toFixed(2)}`);
      } finally {
        await db.drop();
      }
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printResults } = await import('./stats');
  if (process.argv[2] === 'province') printResults(await benchInsightProvince());
  else {
    printResults(benchInsight());
    printResults(await benchInsightService());
    printResults(await benchInsightPdf());
  }
}

/**
 * 辖区报告 at the province top (5 028 units, the demo's shape): the service behind the page —
 * the scope's heads, search/filter/sort in memory, the page's 50 reports read and checked — on
 * PostgreSQL (SUMMARY_PG_URL or LOAD_PG_URL) when it answers, and PGlite. The page's bytes are
 * asserted in e2e/rollup.spec.ts (≤ 200 KB of HTML).
 *
 * Run alone: `npx tsx bench/review-list.ts`.
 */
import { summarize, type BenchResult } from './stats';

export async function benchReviewList(): Promise<BenchResult[]> {
  const { PROVINCE_DEMO, seedProvince } = await import('../lib/db/seed-province');
  const { districtOverview } = await import('../lib/server/district-overview');
  const { openPglite, openPostgres, PG_URL, postgresReachable, reviewerAt, time } = await import('./province');
  const kinds = [{ name: 'PGlite', open: openPglite }];
  if (await postgresReachable()) kinds.unshift({ name: 'PostgreSQL', open: openPostgres });
  else console.log(`review list benchmark: PostgreSQL not reachable at ${PG_URL}, skipped`);
  const year = new Date().getFullYear() - 1;
  const results: BenchResult[] = [];
  for (const kind of kinds) {
    const db = await kind.open();
    try {
      const seeded = await seedProvince(db.h.db, { years: [year, year - 1], versions: false });
      const top = await reviewerAt(db.h, PROVINCE_DEMO.province);
      const city = await reviewerAt(db.h, '安阳市');
      const label = (what: string) => `review list, province top (${seeded.agencies} units), ${what}, ${kind.name}`;
      const run = (view: Parameters<typeof districtOverview>[4]) => () => districtOverview(db.h.db, top, year, new Date(), view);
      const target = kind.name === 'PostgreSQL' ? '≤ 300 ms' : undefined;
      results.push(
        summarize(label('first page'), await time(run({}), 9), 'ms', target),
        summarize(label('search 「wfq」'), await time(run({ q: 'wfq' }), 9), 'ms', target),
        summarize(label('one city, by pinyin, page 3'), await time(run({ under: city.agencyId, sort: 'name', page: 3 }), 9), 'ms', target),
      );
    } finally {
      await db.drop();
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printResults } = await import('./stats');
  printResults(await benchReviewList());
}

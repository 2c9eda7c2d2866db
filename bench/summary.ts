/**
 * The province summary computed in the database (lib/server/summary-sql.ts): the whole
 * service (`districtSummary`: tree, sums, roll-up per child, checks on the sum) at the top of a
 * generated province and for one district, with 500, 5 000 and 20 000 approved reports summed
 * (10 cities × 10 districts × N/100 units; lib/db/seed-province.ts), on PostgreSQL (a scratch
 * database, dropped afterwards) and on PGlite (in memory).
 * Targets (issue #13): ≤ 1 s at the top, ≤ 200 ms for a district, on PostgreSQL at 5 000.
 *
 * Run alone: `npx tsx bench/summary.ts`. Settings (env): SUMMARY_PG_URL (default
 * LOAD_PG_URL or postgres://postgres@127.0.0.1:5432/postgres; unreachable: PostgreSQL skipped),
 * SUMMARY_SIZES (500,5000,20000).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { PROVINCE_DEMO, provinceTree, seedProvince, type ProvinceShape } from '../lib/db/seed-province';
import { districtSummary } from '../lib/server/summary';
import { forgetKeptSums } from '../lib/server/summary-cache';
import { printResults, summarize, type BenchResult } from './stats';
import { openPglite, openPostgres, PG_URL, postgresReachable, reviewerAt, time, type Opened } from './province';

const SIZES = (process.env.SUMMARY_SIZES ?? '500,5000,20000').split(',').map(Number);
const YEAR = 2025;

export async function benchSummary(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const kinds: { name: string; open: () => Promise<Opened> }[] = [{ name: 'PGlite', open: openPglite }];
  if (await postgresReachable()) kinds.unshift({ name: 'PostgreSQL', open: openPostgres });
  else console.log(`summary benchmark: PostgreSQL not reachable at ${PG_URL}, skipped`);
  for (const kind of kinds) {
    for (const size of SIZES) {
      const shape: ProvinceShape = { cities: 10, districtsPerCity: 10, unitsPerDistrict: Math.max(1, Math.round(size / 100)), cityDepartments: 0 };
      const district = provinceTree(shape).find((t) => t.name === '文峰区')!.name;
      const db = await kind.open();
      try {
        const t0 = performance.now();
        const seeded = await seedProvince(db.h.db, { shape, years: [YEAR], allApproved: true, versions: false });
        console.log(`summary benchmark: ${kind.name}, ${seeded.agencies} agencies and ${seeded.reports} reports seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        const top = await reviewerAt(db.h, PROVINCE_DEMO.province);
        const dist = await reviewerAt(db.h, district);
        const check = await districtSummary(db.h.db, top, { year: YEAR });
        if (check.findings.length) throw new Error('the benchmark province should sum without findings');
        const leaves = check.included;
        const runs = size >= 20_000 ? 5 : 9;
        const topLook = () => districtSummary(db.h.db, top, { year: YEAR });
        // The first look (nothing kept: a new instance, or after a restart), the look after one
        // approved report somewhere below was written (the January case: only its branch is
        // summed again), and a look with nothing changed.
        results.push(summarize(`summary, province top, ${leaves} reports, first look, ${kind.name}`, await time(topLook, runs, async () => forgetKeptSums()), 'ms'));
        const oneReport = async () => {
          await db.h.db.execute(sql`update reports set updated_at = now() where id = (select id from reports where status = 'approved' order by random() limit 1)`);
        };
        results.push(
          summarize(`summary, province top, ${leaves} reports, one report changed, ${kind.name}`, await time(topLook, runs, oneReport), 'ms', kind.name === 'PostgreSQL' ? '≤ 1000 ms' : undefined),
        );
        results.push(summarize(`summary, province top, ${leaves} reports, nothing changed, ${kind.name}`, await time(topLook, runs), 'ms'));
        const inDistrict = (await districtSummary(db.h.db, dist, { year: YEAR })).included;
        results.push(
          summarize(`summary, one district (${inDistrict} reports), first look, ${kind.name}`, await time(() => districtSummary(db.h.db, dist, { year: YEAR }), 15, async () => forgetKeptSums()), 'ms', kind.name === 'PostgreSQL' ? '≤ 200 ms' : undefined),
        );
      } finally {
        await db.drop();
      }
    }
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) printResults(await benchSummary());

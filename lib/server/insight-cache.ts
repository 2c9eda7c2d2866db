/**
 * The district insight's figures per scope, kept between requests and computed again only when
 * what they depend on changed (as the summary keeps its branches' sums, ./summary-cache.ts).
 *
 * Why: at the top of a province of 5 000 units the figures take about a second — half of it the
 * database reading the cells, half JavaScript making 14 indicators × 5 000 units' figures with
 * their evidence (bench/insight.ts) — and the offices above open the page again and again while,
 * below, little changes between two looks. Each request reads the scope's fingerprint
 * (./summary-sql.ts `fingerprintQuery`: the units with their row versions, and every included
 * report of every year with its row version and its first version's) and computes again only
 * when it differs from the one the kept figures were computed under.
 *
 * Correctness never depends on this memory: the fingerprint is read from the database on every
 * request, before the figures, so several instances each keep their own copy and none serves
 * figures of data that changed — any write, by any instance or by hand, changes a row version.
 * Figures computed after their fingerprint was read may be newer than it, never older; the next
 * request then sees another fingerprint and computes again.
 *
 * What is kept is shared by every request that finds it: the callers read it, never change it.
 */
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import type { ReportStatus } from '../review/transitions';
import type { ReportTemplate } from '../template/types';
import type { Indicator } from '../insight/indicators';
import type { InsightFigures } from './insight-sql';
import { fingerprintQuery } from './summary-sql';
import { KeptMap } from './kept';

/** A scope's figures: what the database read, and the indicators made of them. */
export type ScopeFigures = {
  figures: InsightFigures;
  indicators: Indicator[];
  /** 依申请新收 of the year before, per unit (the swing rule); null without a report of that year. */
  lastYear: Indicator[] | null;
};

export type InsightScope = { rootId: string; year: number; statuses: readonly ReportStatus[] };

/**
 * Units kept, all scopes together: a unit's figures with their evidence are a few KB, so tens
 * of MB at most — four province tops of 5 000 units, or hundreds of districts.
 */
export const KEPT_UNITS = 20_000;

type Kept = { fingerprint: string; value: ScopeFigures };
const kept = new KeptMap<Kept>(KEPT_UNITS, (k) => 1 + k.value.figures.units.length + k.value.figures.lastYear.length);

const keyOf = (template: ReportTemplate, scope: InsightScope) => [template.edition, scope.rootId, scope.year, [...scope.statuses].sort().join('+')].join('|');

/** The scope's fingerprint: its units (the leaves below the root) and their included reports of every year. */
export async function insightFingerprint(db: Db, scope: InsightScope): Promise<string> {
  const [row] = rowsOf<{ fp: string | null }>(await db.execute(fingerprintQuery({ rootId: scope.rootId, statuses: scope.statuses, rows: 'insight' }, false)));
  return row?.fp ?? '';
}

export type InsightCacheStats = { computed: boolean };

/** `compute()`'s figures, or those kept for the scope when `fingerprint` (read before) is theirs. */
export async function scopeFiguresKept(
  template: ReportTemplate,
  scope: InsightScope,
  fingerprint: string,
  compute: () => Promise<ScopeFigures>,
  stats?: InsightCacheStats,
): Promise<ScopeFigures> {
  const key = keyOf(template, scope);
  const hit = kept.get(key);
  if (stats) stats.computed = hit?.fingerprint !== fingerprint;
  if (hit?.fingerprint === fingerprint) return hit.value;
  const value = await compute();
  kept.set(key, { fingerprint, value });
  return value;
}

/** Forget every kept scope (benchmarks measuring the first look, tests). */
export function forgetKeptInsight(): void {
  kept.clear();
}

/**
 * The district insight's figures per scope and per branch (a direct child of the scope's root),
 * kept between requests and read again only where what they depend on changed (as the summary
 * keeps its branches' sums, ./summary-cache.ts).
 *
 * Why: at the top of a province of 5 000 units the figures take about a second — half of it the
 * database reading the cells, half JavaScript making 14 indicators × 5 000 units' figures with
 * their evidence (bench/insight.ts) — and the offices above open the page again and again while,
 * below, little changes between two looks. Each request reads every branch's fingerprint
 * (./summary-sql.ts `fingerprintQuery`: the units with their row versions, and every included
 * report of every year with its row version and its first version's). All as kept: the scope's
 * figures are served as they are. Else only the branches whose fingerprint differs are read
 * from the database again (one report changed in a province: one city of twelve), merged with
 * the others' kept figures, and the indicators made anew.
 *
 * Correctness never depends on this memory: the fingerprints are read from the database on every
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
import { mergeFigures, NO_FIGURES, type InsightFigures } from './insight-sql';
import { fingerprintQuery } from './summary-sql';
import { KeptMap } from '../kept-map';

/** A scope's figures: what the database read, and the indicators made of them. */
export type ScopeFigures = {
  figures: InsightFigures;
  indicators: Indicator[];
  /** 依申请新收 of the year before, per unit (the swing rule); null without a report of that year. */
  lastYear: Indicator[] | null;
};

export type InsightScope = { rootId: string; year: number; statuses: readonly ReportStatus[] };

/**
 * Units kept, all scopes together (and as many again of branches' figures, which are lighter):
 * a unit's figures with their evidence are a few KB, so tens of MB at most — four province tops
 * of 5 000 units, or hundreds of districts.
 */
export const KEPT_UNITS = 20_000;

const unitsIn = (f: InsightFigures) => 1 + f.units.length + f.lastYear.length;
type KeptScope = { fingerprint: string; value: ScopeFigures };
const keptScopes = new KeptMap<KeptScope>(KEPT_UNITS, (k) => unitsIn(k.value.figures));
type KeptBranch = { fingerprint: string; figures: InsightFigures };
const keptBranches = new KeptMap<KeptBranch>(KEPT_UNITS, (k) => unitsIn(k.figures));

const keyOf = (template: ReportTemplate, scope: InsightScope) => [template.edition, scope.rootId, scope.year, [...scope.statuses].sort().join('+')].join('|');

/**
 * Each branch's fingerprint (a direct child of the root: its units, the leaves below it, and
 * their included reports of every year): what its figures depend on.
 */
export async function insightFingerprints(db: Db, scope: InsightScope): Promise<Map<string, string>> {
  const rows = rowsOf<{ branch: string; fp: string }>(await db.execute(fingerprintQuery({ rootId: scope.rootId, statuses: scope.statuses, rows: 'insight' }, true)));
  return new Map(rows.map((r) => [r.branch, r.fp]));
}

export type InsightCacheStats = {
  /** Whether the scope's figures were made again (not found kept whole). */
  computed: boolean;
  /** Branches whose figures the database read again (all of them the first time). */
  branchesRead?: number;
};

export type KeptFiguresSource = {
  /** Every branch's fingerprint, read before the units below (see above). */
  fingerprints: ReadonlyMap<string, string>;
  /** The figures of these branches (all: undefined) by branch, read from the database. */
  read: (branches: readonly string[] | undefined) => Promise<Map<string, InsightFigures>>;
  /** A unit's rank in the order the database answers a scope in (`mergeFigures`). */
  order: (agencyId: string) => number;
  /** The indicators of the scope's figures. */
  indicators: (figures: InsightFigures) => ScopeFigures;
};

/**
 * The scope's figures: kept whole when no branch changed; else the branches that changed read
 * again, the others' figures kept, all merged and the indicators made anew (a tenth of a
 * second for a province — reading its 5 000 reports is most of the rest).
 */
export async function scopeFiguresKept(template: ReportTemplate, scope: InsightScope, source: KeptFiguresSource, stats?: InsightCacheStats): Promise<ScopeFigures> {
  const key = keyOf(template, scope);
  const branches = [...source.fingerprints.keys()].sort();
  const fingerprint = branches.map((b) => `${b}:${source.fingerprints.get(b)}`).join(',');
  const hit = keptScopes.get(key);
  if (stats) Object.assign(stats, { computed: hit?.fingerprint !== fingerprint, branchesRead: 0 });
  if (hit?.fingerprint === fingerprint) return hit.value;

  const parts = new Map<string, InsightFigures>();
  const stale: string[] = [];
  for (const b of branches) {
    const kept = keptBranches.get(`${key}|${b}`);
    if (kept && kept.fingerprint === source.fingerprints.get(b)) parts.set(b, kept.figures);
    else stale.push(b);
  }
  // Everything stale (the first look): the whole scope, without a list of its branches.
  const read = stale.length ? await source.read(stale.length === branches.length ? undefined : stale) : new Map<string, InsightFigures>();
  for (const b of stale) {
    const figures = read.get(b) ?? NO_FIGURES;
    keptBranches.set(`${key}|${b}`, { fingerprint: source.fingerprints.get(b)!, figures });
    parts.set(b, figures);
  }
  if (stats) stats.branchesRead = stale.length;
  const value = source.indicators(mergeFigures([...parts.values()], source.order));
  keptScopes.set(key, { fingerprint, value });
  return value;
}

/** Forget every kept scope and branch (benchmarks measuring the first look, tests). */
export function forgetKeptInsight(): void {
  keptScopes.clear();
  keptBranches.clear();
}

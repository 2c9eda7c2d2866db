/**
 * The summary's sums per branch (a direct child of the summary's root), kept between requests
 * and recomputed only where something they depend on changed.
 *
 * Why: a province's top summary adds ~200 cells of 5 000 reports — 1–2 s of the database's work
 * (bench/summary.ts) — and its reviewers open it again and again in January while, below, only
 * a few reports change between two looks (and drafts, autosaved every second, are not in it at
 * all). Each request reads every branch's fingerprint (./summary-sql.ts `branchFingerprints`:
 * its leaves and its included reports' row versions, tens of milliseconds) and sums again only
 * the branches whose fingerprint differs from the one their kept sums were computed under.
 *
 * Correctness never depends on this memory: the fingerprints are read from the database on
 * every request, so several instances each keep their own copy and none serves sums of data
 * that changed — a write on another instance changes the row version this one reads. A sum
 * computed after its fingerprint was read may be newer than the fingerprint, never older; the
 * next request then sees a different fingerprint and sums that branch again.
 */
import type { Db } from '../db/client';
import type { ReportTemplate } from '../template/types';
import { branchFingerprints, branchSumsOf, sumBelowRows, type BranchRow, type BranchSums, type SumOptions } from './summary-sql';
import { KeptMap } from '../kept-map';

/** Branches kept, all roots and years together: a row is ~600 numbers, so a few MB at most. */
export const KEPT_BRANCHES = 400;

type Kept = { fingerprint: string; row: BranchRow | null };
const kept = new KeptMap<Kept>(KEPT_BRANCHES);

const keyOf = (template: ReportTemplate, opts: SumOptions, branch: string) =>
  [template.edition, opts.rootId, opts.year, [...opts.statuses].sort().join('+'), opts.places, branch].join('|');

export type CacheStats = { branches: number; summed: number };

/** `sumBelow` with each branch's sums kept until its fingerprint changes. */
export async function sumBelowKept(db: Db, template: ReportTemplate, opts: SumOptions, stats?: CacheStats): Promise<BranchSums> {
  const fingerprints = await branchFingerprints(db, opts);
  const rows: BranchRow[] = [];
  const stale: string[] = [];
  for (const [branch, fingerprint] of fingerprints) {
    const hit = kept.get(keyOf(template, opts, branch));
    if (hit?.fingerprint !== fingerprint) stale.push(branch);
    else if (hit.row) rows.push(hit.row);
  }
  // Everything stale (the first look): the whole tree, without a list of thousands of branches.
  const fresh = await sumBelowRows(db, template, { ...opts, branches: stale.length === fingerprints.size ? undefined : stale });
  const byBranch = new Map(fresh.map((r) => [r.branch, r]));
  for (const branch of stale) kept.set(keyOf(template, opts, branch), { fingerprint: fingerprints.get(branch)!, row: byBranch.get(branch) ?? null });
  if (stats) Object.assign(stats, { branches: fingerprints.size, summed: stale.length });
  return branchSumsOf(template, [...rows, ...fresh]);
}

/** Forget every kept sum (benchmarks measuring the first look). */
export function forgetKeptSums(): void {
  kept.clear();
}

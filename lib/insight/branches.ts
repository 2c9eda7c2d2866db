/**
 * The level directly below a scope (a province: its cities; a city: its districts), each branch
 * with its units' figures added up (issue #25): what 辖区分析 shows at a scope of thousands of
 * units instead of one bar per unit, with a link down to the branch's own analysis.
 *
 * A rate of a branch is its units' numerators over their denominators (the district's rule,
 * lib/insight/indicators.ts): never an average of the units' rates.
 */
import { isSmallBase, rateOf, type Indicator, type IndicatorKey, type IndicatorKind } from './indicators';

export type BranchFigure = {
  key: IndicatorKey;
  kind: IndicatorKind;
  numerator: number;
  /** null for counts. */
  denominator: number | null;
  value: number | null;
  smallBase: boolean;
};

/** One agency directly below the scope's root, with what its subtree's units add up to. */
export type Branch = {
  agencyId: string;
  agencyName: string;
  /** Nothing below it: it is a unit itself (its report, not an analysis, is what a click opens). */
  isLeaf: boolean;
  reportId: string | null;
  /** Units (agencies with none below them) in its subtree whose reports the figures read. */
  units: number;
  figures: Record<IndicatorKey, BranchFigure>;
};

export type BranchHead = { agencyId: string; agencyName: string; isLeaf: boolean; reportId: string | null };

/**
 * `branchOf`: the branch (a direct child of the root) each unit is under — the unit itself for a
 * direct child. Units under no branch (the root itself, when it has no agencies below) are left
 * out. The branches keep the order given.
 */
export function branchFigures(heads: readonly BranchHead[], indicators: readonly Indicator[], branchOf: ReadonlyMap<string, string>): Branch[] {
  const at = new Map(heads.map((h, i) => [h.agencyId, i]));
  const units = heads.map(() => new Set<string>());
  const sums = heads.map(() => new Map<IndicatorKey, { numerator: number; denominator: number | null }>());
  for (const ind of indicators) {
    for (const a of ind.agencies) {
      const b = branchOf.get(a.agencyId);
      const i = b === undefined ? undefined : at.get(b);
      if (i === undefined) continue;
      units[i].add(a.agencyId);
      const s = sums[i].get(ind.key) ?? { numerator: 0, denominator: ind.kind === 'rate' ? 0 : null };
      s.numerator += a.numerator;
      if (s.denominator !== null) s.denominator += a.denominator ?? 0;
      sums[i].set(ind.key, s);
    }
  }
  return heads.map((h, i) => ({
    ...h,
    units: units[i].size,
    figures: Object.fromEntries(
      indicators.map((ind) => {
        const s = sums[i].get(ind.key) ?? { numerator: 0, denominator: ind.kind === 'rate' ? 0 : null };
        const figure: BranchFigure = { key: ind.key, kind: ind.kind, ...s, value: rateOf(s.numerator, s.denominator), smallBase: isSmallBase(s.denominator) };
        return [ind.key, figure];
      }),
    ) as Record<IndicatorKey, BranchFigure>,
  }));
}


/** A drilled-down district lists its units (links to their reports) up to this many; the ranking shows any number. */
export const BRANCH_UNITS_MAX = 100;

/**
 * Whether the analysis shows the level below: when it is a level of its own (a province's
 * cities), or the units of a district drilled down to (`drilled`) when they are not too many.
 */
export function showsBranches(branches: readonly Pick<Branch, 'isLeaf'>[], drilled: boolean): boolean {
  return branches.some((b) => !b.isLeaf) || (drilled && branches.length > 0 && branches.length <= BRANCH_UNITS_MAX);
}

/** Read at every level: the cases, how many were disclosed, how many decisions were corrected — and the ranked indicator. */
const HEADLINE_KEYS: IndicatorKey[] = ['newReceived', 'disclosureRate', 'combinedCorrectionRate'];
export function branchColumns(rank: IndicatorKey): IndicatorKey[] {
  return HEADLINE_KEYS.includes(rank) ? HEADLINE_KEYS : [...HEADLINE_KEYS, rank];
}

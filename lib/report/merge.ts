import type { ReportTemplate, TableKey } from '../template/types';
import { computedCells } from '../template/walk';
import { recomputeTotals } from './cells';
import type { Report } from './types';

/** A leaf changed on both sides, differently: the part (text) or cell (table) to choose for. */
export type MergeConflict = { path: string[]; base: unknown; mine: unknown; theirs: unknown };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Two edits of one report merged against the version both started from (three-way, per leaf:
 * a text part, a table cell, a field of 基本信息). What only one side changed is taken from that
 * side, so changes to different parts and cells are both kept without asking; a leaf both sides
 * changed differently is a conflict (the merged report holds this page's value until chosen).
 * Computed totals are never conflicts: they are recomputed from the merged details.
 */
export function mergeReports(template: ReportTemplate, base: Report, mine: Report, theirs: Report): { merged: Report; conflicts: MergeConflict[] } {
  const conflicts: MergeConflict[] = [];
  const computed = (path: string[]) => path[0] === 'tables' && path.length === 4 && computedCells(template, path[1] as TableKey).has(`${path[2]}.${path[3]}`);
  const walk = (b: unknown, m: unknown, t: unknown, path: string[]): unknown => {
    if (same(m, t)) return m;
    if (same(m, b)) return t;
    if (same(t, b)) return m;
    if (isObject(m) && isObject(t)) {
      const bo = isObject(b) ? b : {};
      const out: Record<string, unknown> = {};
      for (const k of new Set([...Object.keys(m), ...Object.keys(t)])) {
        const v = walk(bo[k], m[k], t[k], [...path, k]);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    if (!computed(path)) conflicts.push({ path, base: b, mine: m, theirs: t });
    return m;
  };
  const merged = walk(base, mine, theirs, []) as Report;
  return { merged: merged.meta.totals === 'computed' ? recomputeTotals(template, merged) : merged, conflicts };
}

/** The merged report with, for each conflict chosen 'theirs', the other side's value. */
export function resolveMerge(template: ReportTemplate, merged: Report, conflicts: MergeConflict[], theirs: Set<number>): Report {
  const out = structuredClone(merged) as unknown as Record<string, unknown>;
  conflicts.forEach((c, i) => {
    if (!theirs.has(i)) return;
    let node = out;
    for (const k of c.path.slice(0, -1)) node = node[k] as Record<string, unknown>;
    node[c.path.at(-1)!] = c.theirs;
  });
  const report = out as unknown as Report;
  return report.meta.totals === 'computed' ? recomputeTotals(template, report) : report;
}

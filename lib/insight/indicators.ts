/**
 * The indicators of a district's disclosure year (issue #15): counts and rates over the tables of
 * its units' reports, each with its formula in words, numerator, denominator and the cells it
 * comes from (design §5.1, §5.2). Pure functions; the labels in formulas and evidence come from
 * the template.
 */
import type { CellRef, HeaderNode, ReportTemplate } from '../template/types';
import { byPinyin } from '../collate';
import type { Report } from '../report/types';
import { cellId, getCell, numericValue } from '../report/cells';
import { findNode, flattenLeaves, leafKeys, tableCells, tableName } from '../template/walk';

/**
 * A rate whose denominator is at most this many cases is marked 「基数小」: three cases make no
 * trend (issue #15). The one place this bound is stated.
 */
export const SMALL_BASE_MAX = 3;

/** One report of a unit, as the indicators read it. */
export type InsightEntry = { agencyId: string; agencyName: string; reportId?: string | null; report: Report };

/**
 * One unit's cells as the indicators read them, by `cellId`: a number, or null when the cell is
 * blank (or unreadable) — `numericValue(getCell(report, ref))` of a whole report, or what the
 * database read of the few cells the indicators need (lib/server/insight-sql.ts).
 */
export type UnitCells = { agencyId: string; agencyName: string; reportId: string | null; cells: CellValues };

/** A unit's cells by `cellId` (undefined: not read). A Map is one; a province's thousands of units may share one index instead. */
export type CellValues = { get(id: string): number | null | undefined };

/** A whole report as the indicators read it: the cells `refs` (default: every indicator's). */
export function unitOfReport(template: ReportTemplate, e: InsightEntry, refs: readonly CellRef[] = indicatorRefs(template)): UnitCells {
  return { agencyId: e.agencyId, agencyName: e.agencyName, reportId: e.reportId ?? null, cells: new Map(refs.map((r) => [cellId(r), numericValue(getCell(e.report, r))])) };
}

/** One addend of a formula: a named sum of cells, added or subtracted. */
export type Term = { label: string; refs: CellRef[]; sign: 1 | -1 };

/** A side of a fraction: its terms, and a name for the whole when it has one (办结). */
export type Side = { name?: string; terms: Term[] };

export type IndicatorKind = 'count' | 'rate';

export type IndicatorDef = {
  key: IndicatorKey;
  name: string;
  kind: IndicatorKind;
  /** What the figure is about, for a group heading. */
  group: string;
  numerator: Side;
  /** Rates only. */
  denominator?: Side;
};

export type EvidenceCell = {
  /** `table.row.col` (cellId). */
  id: string;
  /** 表三 · 三、本年度办理结果 › （一）予以公开 · 总计 */
  label: string;
  /** null: blank (or unreadable) — counted as 0 and listed. */
  value: number | null;
};

/** One unit's share of an indicator. */
export type AgencyFigure = {
  agencyId: string;
  agencyName: string;
  reportId: string | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  smallBase: boolean;
  cells: EvidenceCell[];
  blanks: number;
};

export type Indicator = {
  key: IndicatorKey;
  name: string;
  kind: IndicatorKind;
  group: string;
  /** The formula in words: 「（予以公开 + 部分公开）÷ 办结（（七）总计）」. */
  formula: string;
  numeratorText: string;
  denominatorText: string | null;
  numerator: number;
  /** null for counts. */
  denominator: number | null;
  /** The count, or the rate as a fraction (0.25); null when the denominator is 0 (shown 「—」). */
  value: number | null;
  smallBase: boolean;
  /** Blank cells among all units' cells of this indicator (counted as 0). */
  blanks: number;
  /** Every unit, in the order given. */
  agencies: AgencyFigure[];
};

export const INDICATOR_KEYS = [
  'newReceived',
  'accepted',
  'disclosureRate',
  'withheldShare',
  'unableShare',
  'notProcessedShare',
  'reviewCorrectionRate',
  'litigationCorrectionRate',
  'combinedCorrectionRate',
  'disputeRate',
  'rulesIssued',
  'normativeIssued',
  'punishmentDecisions',
  'licensingDecisions',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** 「一、本年新收…」→「本年新收…」, 「（二）部分公开（区分处理的…）」→「部分公开」. */
export function shortLabel(label: string): string {
  return label
    .replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/, '')
    .replace(/（[^（）]*）$/, '')
    .trim();
}

/** The template's node that holds a data key, and its parent (the group it belongs to). */
function nodeWithParent(nodes: HeaderNode[], key: string, parent: HeaderNode | null = null): { node: HeaderNode; parent: HeaderNode | null } | null {
  for (const n of nodes) {
    if (n.key === key) return { node: n, parent };
    if (n.children) {
      const found = nodeWithParent(n.children, key, n);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The indicators as data over the template: which cells, with which labels. Keys are the
 * template's data keys; every label is read from the template.
 */
export function indicatorDefs(template: ReportTemplate): IndicatorDef[] {
  const t2 = template.tables.table2;
  const t3 = template.tables.table3;
  const t4 = template.tables.table4;
  if (t2.kind !== 'blocks' || t3.kind !== 'matrix' || t4.kind !== 'groupedRow') throw new Error('unexpected template layout');
  // 表三 is read in its 总计 column: every applicant together.
  const t3Total = leafKeys(t3.columns).at(-1)!;
  const t3Row = (key: string, sign: 1 | -1 = 1): Term => {
    const found = nodeWithParent(t3.rows, key);
    if (!found) throw new Error(`table3 has no row ${key}`);
    return { label: shortLabel(found.node.label), refs: [{ table: 'table3', row: key, col: t3Total }], sign };
  };
  /** The group of result rows a leaf belongs to (（三）不予公开 holds 1.–8.). */
  const t3Group = (memberKey: string): Term => {
    const parent = nodeWithParent(t3.rows, memberKey)?.parent;
    if (!parent) throw new Error(`table3 row ${memberKey} has no group`);
    return { label: shortLabel(parent.label), refs: leafKeys([parent]).map((row) => ({ table: 'table3', row, col: t3Total })), sign: 1 };
  };
  const resultsTotal = findNode(t3.rows, (n) => n.key === 'resultsTotal');
  const resultsDone: Side = { name: '办结', terms: [{ ...t3Row('resultsTotal'), label: resultsTotal.label }] };
  const groups = flattenLeaves(t4.groups);
  const groupLabel = (key: string) => groups.find((g) => g.key === key)!.path.join('');
  const measure = (key: string) => t4.measures.find((m) => m.key === key)!;
  /** 「行政复议」, 「行政诉讼」 (both of its groups), 「行政复议和行政诉讼」: the top-level groups the keys fall in. */
  const groupsLabel = (keys: string[]): string => {
    if (keys.length === 1) return groupLabel(keys[0]);
    const tops = t4.groups.filter((g) => leafKeys([g]).some((k) => keys.includes(k)));
    return tops.map((g) => g.label).join('和');
  };
  const t4Term = (groupKeys: string[], measureKey: string, sign: 1 | -1 = 1): Term => ({
    label: `${groupsLabel(groupKeys)}${measure(measureKey).label}`,
    refs: groupKeys.map((row) => ({ table: 'table4', row, col: measureKey })),
    sign,
  });
  const litigation = ['litigationDirect', 'litigationAfterReview'];
  const all = ['review', ...litigation];
  const corrected = (keys: string[]): Side[] => [
    { terms: [t4Term(keys, 'corrected')] },
    { name: '已审结', terms: [t4Term(keys, 'total'), t4Term(keys, 'pending', -1)] },
  ];
  const t2Cell = (row: string, col: string): Term => {
    const block = t2.blocks.find((b) => b.rows.some((r) => r.key === row))!;
    return { label: `${block.rows.find((r) => r.key === row)!.label}${block.columns.find((c) => c.key === col)!.label}`, refs: [{ table: 'table2', row, col }], sign: 1 };
  };
  const tn3 = tableName(template, 'table3');
  const tn4 = tableName(template, 'table4');
  const tn2 = tableName(template, 'table2');
  const [reviewNum, reviewDen] = corrected(['review']);
  const [litNum, litDen] = corrected(litigation);
  const [allNum, allDen] = corrected(all);
  return [
    { key: 'newReceived', name: '依申请新收', kind: 'count', group: `依申请公开（${tn3}）`, numerator: { terms: [t3Row('newReceived')] } },
    { key: 'accepted', name: '受理合计', kind: 'count', group: `依申请公开（${tn3}）`, numerator: { terms: [t3Row('newReceived'), t3Row('carriedOver')] } },
    {
      key: 'disclosureRate',
      name: '实质公开率',
      kind: 'rate',
      group: `依申请公开（${tn3}）`,
      numerator: { terms: [t3Row('granted'), t3Row('partial')] },
      denominator: resultsDone,
    },
    { key: 'withheldShare', name: '不予公开占比', kind: 'rate', group: `依申请公开（${tn3}）`, numerator: { terms: [t3Group('stateSecret')] }, denominator: resultsDone },
    { key: 'unableShare', name: '无法提供占比', kind: 'rate', group: `依申请公开（${tn3}）`, numerator: { terms: [t3Group('notHeld')] }, denominator: resultsDone },
    { key: 'notProcessedShare', name: '不予处理占比', kind: 'rate', group: `依申请公开（${tn3}）`, numerator: { terms: [t3Group('complaint')] }, denominator: resultsDone },
    { key: 'reviewCorrectionRate', name: '复议纠错率', kind: 'rate', group: `复议和诉讼（${tn4}）`, numerator: reviewNum, denominator: reviewDen },
    { key: 'litigationCorrectionRate', name: '诉讼纠错率', kind: 'rate', group: `复议和诉讼（${tn4}）`, numerator: litNum, denominator: litDen },
    {
      key: 'combinedCorrectionRate',
      name: '复议诉讼综合纠错率',
      kind: 'rate',
      group: `复议和诉讼（${tn4}）`,
      numerator: allNum,
      denominator: allDen,
    },
    {
      key: 'disputeRate',
      name: '争议转化率',
      kind: 'rate',
      group: `复议和诉讼（${tn4}）`,
      numerator: { terms: [t4Term(['review'], 'total'), t4Term(litigation, 'total')] },
      denominator: { terms: [t3Row('newReceived')] },
    },
    { key: 'rulesIssued', name: '规章制发', kind: 'count', group: `主动公开（${tn2}）`, numerator: { terms: [t2Cell('rules', 'issued')] } },
    { key: 'normativeIssued', name: '行政规范性文件制发', kind: 'count', group: `主动公开（${tn2}）`, numerator: { terms: [t2Cell('normativeDocuments', 'issued')] } },
    { key: 'punishmentDecisions', name: '行政处罚决定', kind: 'count', group: `主动公开（${tn2}）`, numerator: { terms: [t2Cell('punishment', 'decisions')] } },
    { key: 'licensingDecisions', name: '行政许可决定', kind: 'count', group: `主动公开（${tn2}）`, numerator: { terms: [t2Cell('licensing', 'decisions')] } },
  ];
}

function sideText(side: Side, wrap: boolean): string {
  const body = side.terms.map((t, i) => `${i === 0 ? (t.sign < 0 ? '− ' : '') : t.sign < 0 ? ' − ' : ' + '}${t.label}`).join('');
  if (side.name) return `${side.name}（${body}）`;
  return wrap && side.terms.length > 1 ? `（${body}）` : body;
}

/** The formula in words: 「（予以公开 + 部分公开）÷ 办结（（七）总计）」. */
export function formulaText(def: IndicatorDef): string {
  return def.denominator ? `${sideText(def.numerator, true)} ÷ ${sideText(def.denominator, true)}` : sideText(def.numerator, false);
}

/** Whether a rate over `denominator` cases is too small a base to read as a trend. */
export function isSmallBase(denominator: number | null): boolean {
  return denominator !== null && denominator > 0 && denominator <= SMALL_BASE_MAX;
}

/** Numerator and denominator give the value: a count, a fraction, or null on 0 cases. */
export function rateOf(numerator: number, denominator: number | null): number | null {
  if (denominator === null) return numerator;
  return denominator === 0 ? null : numerator / denominator;
}

/** cellId → 「表三 · 行 › 子行 · 列」, for every value cell of the template. */
export function cellLabels(template: ReportTemplate): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of ['table2', 'table3', 'table4'] as const) {
    const name = tableName(template, key);
    for (const c of tableCells(template, key)) out.set(cellId(c), `${name} · ${c.rowPath.join(' › ')} · ${c.colLabel}`);
  }
  return out;
}

function sideRefs(side: Side | undefined): CellRef[] {
  return side ? side.terms.flatMap((t) => t.refs) : [];
}

/** A side of a formula with each cell named by a key (its id, or where it is held): each term's sign and cells. */
type SideKeys<K> = { sign: 1 | -1; keys: K[] }[];
const sideKeys = <K>(side: Side, key: (ref: CellRef) => K): SideKeys<K> => side.terms.map((t) => ({ sign: t.sign, keys: t.refs.map(key) }));

/** The one place a side of a formula is evaluated: each term's cells, signed, blank as 0. */
function sideValue<K>(side: SideKeys<K>, value: (key: K) => number | null): number {
  let sum = 0;
  for (const t of side) for (const k of t.keys) sum += t.sign * (value(k) ?? 0);
  return sum;
}

const selectedDefs = (template: ReportTemplate, only?: readonly IndicatorKey[]) => indicatorDefs(template).filter((d) => !only || only.includes(d.key));

const defRefs = (def: IndicatorDef): CellRef[] =>
  [...new Map([...sideRefs(def.numerator), ...sideRefs(def.denominator)].map((r) => [cellId(r), r])).values()];

/** Every cell the indicators (or those `only` names) read, each once: what the database reads. */
export function indicatorRefs(template: ReportTemplate, only?: readonly IndicatorKey[]): CellRef[] {
  return [...new Map(selectedDefs(template, only).flatMap(defRefs).map((r) => [cellId(r), r])).values()];
}

/** A district's figure of one indicator: numerator, denominator and value. */
export type IndicatorTotal = { key: IndicatorKey; numerator: number; denominator: number | null; value: number | null };

/** A cell's value in `cells`, which must hold it: a cell not read is a bug, not a blank. */
function reader(cells: CellValues): (id: string) => number | null {
  return (id) => {
    const v = cells.get(id);
    if (v === undefined) throw new Error(`cell ${id} was not read`);
    return v;
  };
}

/**
 * The district's figures from the sums of its cells by `cellId` (a formula is linear in its
 * cells, so this equals the sum of the units' figures): the trend of every year from one grouped
 * query.
 */
export function indicatorTotals(template: ReportTemplate, sums: ReadonlyMap<string, number>, only?: readonly IndicatorKey[]): IndicatorTotal[] {
  const value = reader(sums);
  return selectedDefs(template, only).map((def) => {
    const numerator = sideValue(sideKeys(def.numerator, cellId), value);
    const denominator = def.denominator ? sideValue(sideKeys(def.denominator, cellId), value) : null;
    return { key: def.key, numerator, denominator, value: rateOf(numerator, denominator) };
  });
}

/**
 * Every indicator (or those `only` names) over the given reports (one per unit, one year, one
 * template edition: the caller selects them). Blank cells count as 0 and are counted in `blanks`.
 */
export function computeIndicators(template: ReportTemplate, entries: readonly InsightEntry[], only?: readonly IndicatorKey[]): Indicator[] {
  const refs = indicatorRefs(template, only);
  return indicatorsOf(
    template,
    entries.map((e) => unitOfReport(template, e, refs)),
    only,
  );
}

/** The same over each unit's cells, however they were read (whole reports, or the database). */
export function indicatorsOf(template: ReportTemplate, units: readonly UnitCells[], only?: readonly IndicatorKey[]): Indicator[] {
  const labels = cellLabels(template);
  // Each unit's cells read once, into one evidence cell each however many indicators show it
  // (a province's units would otherwise make a quarter of a million); the formulas then find a
  // cell by its place in that list.
  const ids = indicatorRefs(template, only).map(cellId);
  const place = new Map(ids.map((id, i) => [id, i]));
  const placeOf = (ref: CellRef) => place.get(cellId(ref))!;
  const evidence = units.map((u) => {
    const value = reader(u.cells);
    return ids.map((id): EvidenceCell => ({ id, label: labels.get(id) ?? id, value: value(id) }));
  });
  const valueOf = evidence.map((own) => (i: number) => own[i].value);
  // `only`: a trend needs two indicators of every other year, not all of them.
  return selectedDefs(template, only).map((def) => {
    const at = defRefs(def).map(placeOf);
    const num = sideKeys(def.numerator, placeOf);
    const den = def.denominator ? sideKeys(def.denominator, placeOf) : null;
    let numerator = 0;
    let denominator: number | null = den ? 0 : null;
    let blanks = 0;
    const agencies: AgencyFigure[] = units.map((e, u) => {
      const own = evidence[u];
      const cells: EvidenceCell[] = new Array(at.length);
      let blank = 0;
      for (let k = 0; k < at.length; k++) {
        cells[k] = own[at[k]];
        if (cells[k].value === null) blank++;
      }
      const n = sideValue(num, valueOf[u]);
      const d = den ? sideValue(den, valueOf[u]) : null;
      numerator += n;
      if (d !== null) denominator = (denominator ?? 0) + d;
      blanks += blank;
      return {
        agencyId: e.agencyId,
        agencyName: e.agencyName,
        reportId: e.reportId,
        numerator: n,
        denominator: d,
        value: rateOf(n, d),
        smallBase: isSmallBase(d),
        cells,
        blanks: blank,
      };
    });
    return {
      key: def.key,
      name: def.name,
      kind: def.kind,
      group: def.group,
      formula: formulaText(def),
      numeratorText: sideText(def.numerator, false),
      denominatorText: def.denominator ? sideText(def.denominator, false) : null,
      numerator,
      denominator,
      value: rateOf(numerator, denominator),
      smallBase: isSmallBase(denominator),
      blanks,
      agencies,
    };
  });
}

/** How a figure prints: 「—」 for no value, a percentage with one decimal for a rate, else the count. */
export function formatFigure(kind: IndicatorKind, value: number | null): string {
  if (value === null) return '—';
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  return value.toLocaleString('zh-CN');
}

/** Units ranked by one indicator: highest first, units without a value (—) last, then by name. */
export function rankAgencies(indicator: Indicator): AgencyFigure[] {
  return [...indicator.agencies].sort(
    (a, b) =>
      (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) ||
      (b.value ?? 0) - (a.value ?? 0) ||
      byPinyin(a.agencyName, b.agencyName),
  );
}

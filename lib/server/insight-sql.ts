/**
 * The figures behind the district insight (issue #15), read by the database: of each included
 * report only the cells the indicators read (`indicatorRefs`: 34 of 表二/三/四), the trend of
 * every year as one grouped, exact (`numeric`) sum, and which reports may print totals that
 * disagree with their details. The indicators themselves stay the pure functions of
 * lib/insight, fed with each unit's cells (`indicatorsOf`), so a formula is written once.
 *
 * Three statements, run side by side on connections of the pool:
 * - `unitsQuery`, the year shown: per unit its indicator cells, and whether a sum rule (R1–R4)
 *   may fail — the rules' ~190 cells are reduced to that one boolean inside the database;
 * - `trendQuery`, every year (one grouped query): how many reports and the exact (`numeric`) sum
 *   of each cell the trend reads; and per unit of the year before its 依申请新收 (swing rule);
 * - `importedCandidatesQuery`: the sum rules on the first versions of the year's reports that
 *   were imported with totals as printed.
 * Each reads a report's `content` once. Only the reports the first and the last name are then
 * loaded whole, and `totalsFlags` — the checks' own sum rules — decides on them and writes the
 * flags: the SQL is a filter that may name too many, never too few (see `sumRuleCheck`).
 *
 * Cells are read from their text as lib/server/summary-sql.ts reads them (`textNumber`): a JSON
 * number, or a string holding a decimal; anything else is blank. The indicators' in-memory
 * reading is `numericValue`, which would also read a string like '0x10' — strings the draft
 * schema cannot store in a count cell, and every cell the indicators read is a count.
 *
 * `figuresInMemory` is the former path — every included report of every year loaded whole and
 * computed in JavaScript — kept as the oracle test/integration/insight-sql.test.ts compares the
 * whole insight against, and as the benchmark's baseline (bench/insight.ts).
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { PgDialect, PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import { reports, reportVersions } from '../db/schema';
import type { Report } from '../report/types';
import type { ReportStatus } from '../review/transitions';
import type { CellRef, ReportTemplate } from '../template/types';
import { cellId } from '../report/cells';
import { checkContext } from '../checks/context';
import { computeIndicators, indicatorRefs, indicatorTotals, rateOf, unitOfReport, type CellValues, type IndicatorKey, type InsightEntry, type UnitCells } from '../insight/indicators';
import { totalsFlags, type RiskFlag } from '../insight/risk';
import type { TrendPoint } from '../insight/district';
import { literal, NUMBER_TEXT, textNumber } from './summary-sql';

/** The indicators the trend shows for every year. */
export const TREND_KEYS: IndicatorKey[] = ['newReceived', 'disclosureRate'];
/** What the swing rule compares with last year. */
const SWING_KEYS: IndicatorKey[] = ['newReceived'];


export type FiguresQuery = {
  /** The units: the agencies whose reports are read (the reviewer's scope). */
  agencyIds: readonly string[];
  year: number;
  statuses: readonly ReportStatus[];
  /**
   * Each unit's branch (parallel to `agencyIds`): the figures are then answered per branch
   * (`figuresByBranch`) — what the insight keeps per branch (insight-cache.ts). Without, one
   * branch, ''.
   */
  branches?: readonly string[];
};

export type InsightFigures = {
  /** The units of the year with a report read, agency name order: every indicator's cells. */
  units: UnitCells[];
  /** The units of the year before: the cells of 依申请新收. */
  lastYear: UnitCells[];
  /** Every year with a report read, ascending. */
  trend: TrendPoint[];
  /** Printed totals that disagree with the details in the stored reports, in unit order. */
  totals: RiskFlag[];
  /** The same in the first versions as imported (units not already flagged above), in unit order. */
  importedTotals: RiskFlag[];
};

export type FiguresSource = (db: Db, template: ReportTemplate, q: FiguresQuery) => Promise<InsightFigures>;

function trendPoint(template: ReportTemplate, year: number, units: number, sums: ReadonlyMap<string, number>): TrendPoint {
  const totals = indicatorTotals(template, sums, TREND_KEYS);
  const pick = (key: IndicatorKey) => totals.find((t) => t.key === key)!;
  const d = pick('disclosureRate');
  return { year, units, newReceived: pick('newReceived').numerator, disclosure: { numerator: d.numerator, denominator: d.denominator ?? 0, value: d.value } };
}

/** Every cell a sum rule reads, each once. */
const ruleRefs = (template: ReportTemplate): CellRef[] => uniqueRefs(checkContext(template).rules.flatMap((i) => [...i.lhs, ...i.rhs]));

/** The cells the trend reads in every year's reports, and the swing rule in last year's. */
const trendRefs = (template: ReportTemplate): CellRef[] => indicatorRefs(template, [...new Set([...TREND_KEYS, ...SWING_KEYS])]);

const uniqueRefs = (refs: readonly CellRef[]): CellRef[] => [...new Map(refs.map((r) => [cellId(r), r])).values()];

/**
 * The units as one array parameter (not a parameter per agency): planned with its length known,
 * a district's 50 are looked up by index and a province's 5 000 hashed.
 */
const scope = (q: FiguresQuery): SQL => sql`${sql.param(q.agencyIds)}::uuid[]`;

const statusList = (statuses: readonly ReportStatus[]) =>
  sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  );

const list = (parts: SQL[]) => sql.join(parts, sql`, `);
const col = (name: string) => sql.raw(name);

/**
 * Reading cells out of `tables` in three steps — each table once, each row object once, then
 * each cell's text (`->>`) — costs half of one `#>` per cell (each walks the whole `tables` from
 * the top and parses its path). OFFSET 0 keeps each step a subquery of its own, so a value is
 * computed once, not per reference. `keep`: the columns passed along.
 */
function cellReader(cells: readonly CellRef[], keep: SQL) {
  const rowKey = (r: CellRef) => `${r.table}.${r.row}`;
  const tables = [...new Set(cells.map((r) => r.table))];
  const rows = [...new Map(cells.map((r) => [rowKey(r), r])).values()];
  const rowIndex = new Map(rows.map((r, i) => [rowKey(r), i]));
  const index = new Map(cells.map((r, i) => [cellId(r), i]));
  return {
    /**
     * Subqueries from `source` (the columns kept and `content`, the report's document) to
     * `texts`, one cell's text a column. One table is read straight from the document; several
     * through one copy of its `tables` (each `->` on a stored document decompresses it again).
     */
    ctes: (source: string) => sql`
      ${
        tables.length === 1
          ? sql`tabs as (select ${keep}, content #> ${literal(`{tables,${tables[0]}}`)} as ${col(`tb_${tables[0]}`)} from ${col(source)} offset 0),`
          : sql`doc as (select ${keep}, content->'tables' as tables from ${col(source)} offset 0),
      tabs as (select ${keep}, ${list(tables.map((t) => sql`tables->${literal(t)} as ${col(`tb_${t}`)}`))} from doc offset 0),`
      }
      rowobjs as (select ${keep}, ${list(rows.map((r, i) => sql`${col(`tb_${r.table}`)}->${literal(r.row)} as ${col(`rw${i}`)}`))} from tabs offset 0),
      texts as (select ${keep}, ${list(cells.map((c, i) => sql`${col(`rw${rowIndex.get(rowKey(c))!}`)}->>${literal(c.col)} as ${col(`x${i}`)}`))} from rowobjs offset 0)`,
    /** The column of a cell's text. */
    text: (ref: CellRef) => col(`x${index.get(cellId(ref))!}`),
  };
}

/**
 * Whether a report may break a sum rule (R1–R4): `f<i>`, each of `refs` as a float8 (from
 * `text`), and the test over them — the cells added in the order `sumCells` adds them and
 * compared as `sumRuleFindings` compares, IEEE doubles both, so for JSON numbers the answer is
 * JavaScript's to the bit. A blank (null) leaves its position unjudged, as there. `float8`
 * reads a few strings JavaScript's Number() reads differently ('Infinity' as infinite, which
 * only adds candidates) and refuses the others ('0x10', '', 'true'): the query then fails and
 * is asked again without the check, every report a candidate (`withRules`). Counts are JSON
 * numbers (the draft schema), so that is for data from elsewhere.
 */
function sumRuleCheck(template: ReportTemplate, refs: readonly CellRef[], text: (ref: CellRef) => SQL): { floats: SQL; mayBreak: SQL } {
  const index = new Map(refs.map((r, i) => [cellId(r), i]));
  const side = (cells: CellRef[]) => sql.join(cells.map((r) => col(`f${index.get(cellId(r))!}`)), sql` + `);
  const rules = checkContext(template).rules.map((i) => sql`(${side(i.lhs)}) <> (${side(i.rhs)})`);
  return {
    floats: list(refs.map((r, i) => sql`(${text(r)})::float8 as ${col(`f${i}`)}`)),
    mayBreak: sql`coalesce(${sql.join(rules, sql` or `)}, false)`,
  };
}

/**
 * The fixed part of a statement — up to a few hundred expressions over the template's cells —
 * built and rendered to text once per template: building it with drizzle took 20–30 ms a time,
 * more than a district's query runs. No parameters in it (keys are literals).
 */
const fixedParts = new WeakMap<ReportTemplate, Map<string, SQL>>();
const dialect = new PgDialect();
function fixed(template: ReportTemplate, key: string, build: () => SQL): SQL {
  const forTemplate = fixedParts.get(template) ?? new Map<string, SQL>();
  fixedParts.set(template, forTemplate);
  let part = forTemplate.get(key);
  if (!part) {
    const q = dialect.sqlToQuery(build());
    if (q.params.length) throw new Error('a fixed statement part has parameters');
    part = sql.raw(q.sql);
    forTemplate.set(key, part);
  }
  return part;
}

/** The included reports of the scope, `where` more (id, agency_id, year, content). */
const included = (template: ReportTemplate, q: FiguresQuery, where: SQL) => sql`
  select r.id, r.agency_id, r.year, r.content
  from reports r
  where r.agency_id = any(${scope(q)}) and r.status in (${statusList(q.statuses)}) and r.edition = ${template.edition} and ${where}
  offset 0`;

/**
 * The statement of the year's units (exported for EXPLAIN when tuning): one row, `units`, a JSON
 * array (one JSON.parse on our side, not a row and an array literal per report) of
 * `[agencyId, agencyName, reportId, mayBreak, [text…]]` in agency name order: the texts of the
 * indicators' cells, and whether a sum rule may fail — the rules' ~190 cells reduced to that
 * one boolean in the database. `checkRules: false` leaves the sum rules to JavaScript: every
 * report a candidate.
 */
export function unitsQuery(template: ReportTemplate, q: FiguresQuery, checkRules = true): SQL {
  const rest = () => {
    const unit = indicatorRefs(template);
    const rules = ruleRefs(template);
    const read = cellReader(uniqueRefs([...unit, ...rules]), sql`id, agency_id`);
    const check = sumRuleCheck(template, rules, read.text);
    return sql`${read.ctes('inc')},
      checked as (select id, agency_id, json_build_array(${list(unit.map(read.text))}) as vals, ${checkRules ? check.mayBreak : sql`true`} as may_break
        from ${checkRules ? sql`(select *, ${check.floats} from texts offset 0) f` : sql`texts`})
      select coalesce(json_agg(json_build_array(c.agency_id, a.name, c.id, c.may_break, c.vals) order by a.name, c.agency_id), '[]') as units
      from checked c join agencies a on a.id = c.agency_id`;
  };
  return sql`with inc as (${included(template, q, sql`r.year = ${q.year}::int`)}),
    ${fixed(template, `units:${checkRules}`, rest)}`;
}

/**
 * The statement of the trend (exported for EXPLAIN when tuning): one row of two JSON arrays,
 * `years`, `[branch, year, reports, sum…]` for every branch and year — one grouped query, the sums of the trend's
 * cells exact (numeric, as text) — and `lastYear`, `[agencyId, agencyName, reportId, [text]]` of
 * the year before the one shown, in agency name order: its 依申请新收 for the swing rule.
 */
export function trendQuery(template: ReportTemplate, q: FiguresQuery): SQL {
  const rest = () => {
    const trend = trendRefs(template);
    const swing = indicatorRefs(template, SWING_KEYS);
    const read = cellReader(trend, sql`id, agency_id, year, before, branch`);
    return sql`${read.ctes('inc')},
      fig as (select id, agency_id, year, before, branch,
        ${list(trend.map((r, i) => sql`${textNumber(read.text(r))} as ${col(`n${i}`)}`))},
        case when before then json_build_array(${list(swing.map(read.text))}) end as vals
        from texts)
      select
        (select coalesce(json_agg(json_build_array(branch, year, units, ${list(trend.map((_, i) => col(`s${i}`)))}) order by branch, year), '[]')
          from (select branch, year, count(*) as units, ${list(trend.map((_, i) => sql`sum(${col(`n${i}`)})::text as ${col(`s${i}`)}`))} from fig group by branch, year) y) as years,
        (select coalesce(json_agg(json_build_array(f.agency_id, a.name, f.id, f.vals) order by a.name, f.agency_id), '[]')
          from fig f join agencies a on a.id = f.agency_id where f.before) as "lastYear"`;
  };
  // Each report's branch: from the units' list when given (one array each, zipped), else ''.
  const branch = q.branches
    ? sql`b.branch from (${included(template, q, sql`true`)}) i join unnest(${scope(q)}, ${sql.param(q.branches)}::text[]) as b(agency_id, branch) on b.agency_id = i.agency_id`
    : sql`''::text as branch from (${included(template, q, sql`true`)}) i`;
  return sql`with inc as (select i.*, i.year = ${q.year - 1}::int as before, ${branch}),
    ${fixed(template, 'trend', rest)}`;
}

/**
 * The statement naming the year's reports whose first version, imported with totals as printed,
 * may break a sum rule (`checkRules: false`: every such first version).
 */
export function importedCandidatesQuery(template: ReportTemplate, q: FiguresQuery, checkRules = true): SQL {
  const rest = () => {
    const refs = ruleRefs(template);
    const read = cellReader(refs, sql`id`);
    const check = sumRuleCheck(template, refs, read.text);
    return sql`${read.ctes('printed')}
      select id::text as id from ${checkRules ? sql`(select id, ${check.floats} from texts offset 0) f where ${check.mayBreak}` : sql`texts`}`;
  };
  // `#> '{}'`: the whole document, detoasted once; its meta, edition and tables are then read
  // from memory (three `->` on the stored column would decompress it three times).
  return sql`
    with firsts as (
      select r.id, v.content #> '{}' as doc
      from reports r
      join report_versions v on v.report_id = r.id and v.version = 1
      where r.agency_id = any(${scope(q)}) and r.year = ${q.year}::int and r.status in (${statusList(q.statuses)}) and r.edition = ${template.edition}
      offset 0
    ),
    printed as (
      select id, doc as content from firsts
      where doc->'meta'->>'totals' = 'asPrinted' and doc->>'edition' = ${template.edition}
      offset 0
    ),
    ${fixed(template, `imported:${checkRules}`, rest)}`;
}

/** The answers of `unitsQuery` and `trendQuery`: see there. */
type UnitsRow = { units: [string, string, string, boolean, (string | null)[]][] | string };
type TrendRow = { years: [string, number, number, ...(string | null)[]][] | string; lastYear: [string, string, string, (string | null)[]][] | string };

/** A json column: parsed by node-postgres and PGlite alike, but take text too. */
const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** The totals rule over the candidates only, each loaded whole: stored, then as first imported (units not already flagged). */
async function totalsOf(
  db: Db,
  template: ReportTemplate,
  units: readonly UnitCells[],
  storedIds: readonly string[],
  importedIds: readonly string[],
): Promise<Pick<InsightFigures, 'totals' | 'importedTotals'>> {
  const load = async (ids: readonly string[], versions: boolean) => {
    if (!ids.length) return new Map<string, Report>();
    const rows = versions
      ? await db
          .select({ id: reportVersions.reportId, content: reportVersions.content })
          .from(reportVersions)
          .where(and(inArray(reportVersions.reportId, [...ids]), eq(reportVersions.version, 1)))
      : await db.select({ id: reports.id, content: reports.content }).from(reports).where(inArray(reports.id, [...ids]));
    return new Map(rows.map((r) => [r.id, r.content]));
  };
  const entriesOf = (contents: Map<string, Report>): InsightEntry[] =>
    units.flatMap((u) => (u.reportId && contents.has(u.reportId) ? [{ agencyId: u.agencyId, agencyName: u.agencyName, reportId: u.reportId, report: contents.get(u.reportId)! }] : []));
  const stored = totalsFlags(template, entriesOf(await load(storedIds, false)));
  const flagged = new Set(stored.map((f) => f.agencyId));
  const imported = totalsFlags(
    template,
    entriesOf(await load(importedIds, true)).filter((e) => !flagged.has(e.agencyId)),
    'imported',
  );
  return { totals: stored, importedTotals: imported };
}

const NUMBER = new RegExp(NUMBER_TEXT);
/** A cell's text as `textNumber` reads it (JavaScript's number of the same digits). */
const numberOf = (text: string | null): number | null => (text !== null && NUMBER.test(text) ? Number(text) : null);

/** A data exception (SQLSTATE class 22): a cell `float8` cannot read. */
const isDataException = (e: unknown): boolean => {
  for (let at: unknown = e; at && typeof at === 'object'; at = (at as { cause?: unknown }).cause) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('22')) return true;
  }
  return false;
};

/**
 * `fn` in a transaction without JIT. The insight's statements are wide (a few hundred
 * expressions) and walk a recursive tree whose row estimate is far too high, so PostgreSQL
 * would compile them — for longer than they run (as for the summary, summary-sql.ts).
 */
export async function withoutJit<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return fn(tx);
  });
}

/**
 * `query` in its own transaction without JIT, with the sum rules checked in SQL — or, when a
 * cell is not a number float8 reads (a data exception), asked again without.
 */
async function withRules<T>(db: Db, query: (checkRules: boolean) => SQL): Promise<T[]> {
  return withoutJit(db, async (tx) => {
    try {
      return await tx.transaction(async (sp) => rowsOf<T>(await sp.execute(query(true))));
    } catch (e) {
      if (!isDataException(e)) throw e;
      return rowsOf<T>(await tx.execute(query(false)));
    }
  });
}

/** No unit with a report read. */
export const NO_FIGURES: InsightFigures = { units: [], lastYear: [], trend: [], totals: [], importedTotals: [] };

/**
 * The figures read by the database (the insight's path), per branch (`q.branches`; one branch,
 * '', without): each branch's units, last year's units, trend and flags — a branch with no
 * report read is absent. The three statements run side by side on connections of the pool (one
 * after the other on PGlite, or inside a transaction).
 */
export async function figuresByBranch(db: Db, template: ReportTemplate, q: FiguresQuery): Promise<Map<string, InsightFigures>> {
  if (!q.agencyIds.length) return new Map();
  const reads = [
    () => withRules<UnitsRow>(db, (check) => unitsQuery(template, q, check)),
    () => withoutJit(db, async (tx) => rowsOf<TrendRow>(await tx.execute(trendQuery(template, q)))),
    () => withRules<{ id: string }>(db, (check) => importedCandidatesQuery(template, q, check)),
  ] as const;
  const [[unitsRow], [trendRow], imported] =
    db instanceof PgTransaction ? [await reads[0](), await reads[1](), await reads[2]()] : await Promise.all([reads[0](), reads[1](), reads[2]()]);
  const unitRefs = indicatorRefs(template);
  const swingRefs = indicatorRefs(template, SWING_KEYS);
  const trend = trendRefs(template);
  // One index per list of cells, shared by every unit (not a Map per unit: thousands of them).
  const cellsBy = (refs: CellRef[]) => {
    const index = new Map(refs.map((ref, i) => [cellId(ref), i]));
    return (values: (string | null)[]): CellValues => {
      const numbers = values.map(numberOf);
      return { get: (id) => (index.has(id) ? numbers[index.get(id)!] : undefined) };
    };
  };
  const unitCells = cellsBy(unitRefs);
  const swingCells = cellsBy(swingRefs);
  const branchOf = new Map(q.branches ? q.agencyIds.map((id, i) => [id, q.branches![i]]) : []);
  const out = new Map<string, InsightFigures>();
  const of = (branch: string): InsightFigures => {
    let f = out.get(branch);
    if (!f) out.set(branch, (f = { units: [], lastYear: [], trend: [], totals: [], importedTotals: [] }));
    return f;
  };
  const ofUnit = (agencyId: string) => of(branchOf.get(agencyId) ?? '');
  const units: UnitCells[] = [];
  const mayBreak: string[] = [];
  for (const [agencyId, agencyName, reportId, breaks, values] of parsed(unitsRow.units)) {
    const unit = { agencyId, agencyName, reportId, cells: unitCells(values) };
    units.push(unit);
    ofUnit(agencyId).units.push(unit);
    if (breaks) mayBreak.push(reportId);
  }
  for (const [agencyId, agencyName, reportId, values] of parsed(trendRow.lastYear)) ofUnit(agencyId).lastYear.push({ agencyId, agencyName, reportId, cells: swingCells(values) });
  for (const [branch, year, count, ...sums] of parsed(trendRow.years)) {
    of(branch).trend.push(trendPoint(template, Number(year), Number(count), new Map(trend.map((ref, i) => [cellId(ref), sums[i] === null ? 0 : Number(sums[i])]))));
  }
  const flags = await totalsOf(db, template, units, mayBreak, imported.map((r) => r.id));
  for (const f of flags.totals) ofUnit(f.agencyId).totals.push(f);
  for (const f of flags.importedTotals) ofUnit(f.agencyId).importedTotals.push(f);
  return out;
}

/** The figures read by the database, the scope as one. */
export const figuresInDb: FiguresSource = async (db, template, q) => (await figuresByBranch(db, template, { ...q, branches: undefined })).get('') ?? NO_FIGURES;

/**
 * Branches' figures as one scope's: each list in unit order — `order`, the rank of a unit in
 * the order the database answers a scope in (name, then id: `unitsQuery`) — and the trend's
 * counts added year by year (each indicator of the trend is a sum over units: exact integers).
 */
export function mergeFigures(parts: readonly InsightFigures[], order: (agencyId: string) => number): InsightFigures {
  if (parts.length === 1) return parts[0];
  const inOrder = <T extends { agencyId: string }>(lists: T[][]) => lists.flat().sort((a, b) => order(a.agencyId) - order(b.agencyId));
  const years = new Map<number, TrendPoint>();
  for (const p of parts.flatMap((f) => f.trend)) {
    const at = years.get(p.year);
    if (!at) {
      years.set(p.year, p);
      continue;
    }
    const numerator = at.disclosure.numerator + p.disclosure.numerator;
    const denominator = at.disclosure.denominator + p.disclosure.denominator;
    years.set(p.year, { year: p.year, units: at.units + p.units, newReceived: at.newReceived + p.newReceived, disclosure: { numerator, denominator, value: rateOf(numerator, denominator) } });
  }
  return {
    units: inOrder(parts.map((f) => f.units)),
    lastYear: inOrder(parts.map((f) => f.lastYear)),
    trend: [...years.values()].sort((a, b) => a.year - b.year),
    totals: inOrder(parts.map((f) => f.totals)),
    importedTotals: inOrder(parts.map((f) => f.importedTotals)),
  };
}

/**
 * The former path, every included report of every year loaded whole and computed in JavaScript:
 * the oracle the SQL path is tested against, and the benchmark's baseline.
 */
export const figuresInMemory: FiguresSource = async (db, template, q) => {
  const rows = rowsOf<{ reportId: string; agencyId: string; agencyName: string; year: number }>(
    await db.execute(sql`
      select r.id::text as "reportId", r.agency_id::text as "agencyId", a.name as "agencyName", r.year
      from reports r join agencies a on a.id = r.agency_id
      where r.agency_id = any(${scope(q)}) and r.status in (${statusList(q.statuses)}) and r.edition = ${template.edition}
      order by r.year, a.name, r.agency_id`),
  );
  const contents = new Map<string, Report>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => r.reportId);
    for (const c of await db.select({ id: reports.id, content: reports.content }).from(reports).where(inArray(reports.id, chunk))) contents.set(c.id, c.content);
  }
  const byYear = new Map<number, InsightEntry[]>();
  for (const r of rows) {
    const y = Number(r.year);
    const list = byYear.get(y) ?? [];
    list.push({ agencyId: r.agencyId, agencyName: r.agencyName, reportId: r.reportId, report: contents.get(r.reportId)! });
    byYear.set(y, list);
  }
  const trend = [...byYear.keys()]
    .sort((a, b) => a - b)
    .map((y) => {
      const list = computeIndicators(template, byYear.get(y)!, TREND_KEYS);
      const pick = (key: IndicatorKey) => list.find((i) => i.key === key)!;
      const d = pick('disclosureRate');
      return { year: y, units: byYear.get(y)!.length, newReceived: pick('newReceived').numerator, disclosure: { numerator: d.numerator, denominator: d.denominator ?? 0, value: d.value } };
    });
  const entries = byYear.get(q.year) ?? [];
  const stored = totalsFlags(template, entries);
  const flagged = new Set(stored.map((f) => f.agencyId));
  // The first version of an imported report keeps its totals as printed: what the unit published.
  const firsts = entries.length
    ? await db
        .select({ reportId: reportVersions.reportId, content: reportVersions.content })
        .from(reportVersions)
        .where(and(inArray(reportVersions.reportId, entries.map((e) => e.reportId!)), eq(reportVersions.version, 1), sql`${reportVersions.content}->'meta'->>'totals' = 'asPrinted'`))
    : [];
  const firstOf = new Map(firsts.map((v) => [v.reportId, v.content]));
  const imported = totalsFlags(
    template,
    entries.flatMap((e) => {
      const first = firstOf.get(e.reportId!);
      return first && !flagged.has(e.agencyId) && first.edition === template.edition ? [{ ...e, report: first }] : [];
    }),
    'imported',
  );
  return {
    units: entries.map((e) => unitOfReport(template, e)),
    lastYear: (byYear.get(q.year - 1) ?? []).map((e) => unitOfReport(template, e, indicatorRefs(template, SWING_KEYS))),
    trend,
    totals: stored,
    importedTotals: imported,
  };
};

/**
 * The summary's sums, computed by the database over `reports.content` (jsonb), and the agency
 * tree below a summary's root (recursive CTE). Works on PGlite and PostgreSQL alike: only
 * `jsonb_to_recordset`, `->`, `#>>`, `jsonb_typeof`, `numeric` and a regular expression.
 *
 * Why jsonb, not a table of cells kept in step with saves (ARCHITECTURE.md, 「汇总」):
 * - One source of truth. A report is written by the editor's autosave (every 1–2 s), imports,
 *   「从上年复制」, returns, and whole-database import/restore. A cells table would have to be
 *   rewritten, in the same transaction, by every one of them — ~200 rows per autosave — and a
 *   writer that forgets leaves sums that silently disagree with the reports they claim to add.
 * - No migration and no backfill; every edition's cells are found by the template's keys.
 * - It is fast enough: the database reads each included report's `tables` once (a
 *   MATERIALIZED CTE, so the jsonb is detoasted once), fetches each of the template's ~200
 *   cells by path (`#>`, once per cell: `->` chains copy the table and the row per cell, and
 *   an inlined expression is evaluated again per reference — 30 s for 5 000 reports before),
 *   and aggregates in `numeric` — exact for 万元 amounts, no float on the way. Measured by bench/summary.ts: see its output for 500, 5 000 and 20 000 reports.
 * A cells table would win only when summing far more reports than a province has; it can be
 * added then as a derived cache without changing this module's callers.
 *
 * What counts as blank, unreadable or a number is what lib/summary/sum-reports.ts decides (the
 * in-memory sum, kept as the oracle the integration tests compare against): blank = missing,
 * null or ''; an amount = a decimal with at most four places (trailing zeros aside); a count =
 * a whole number within JavaScript's exact integers. Strings the draft schema cannot store in
 * a count cell (hexadecimal, exponents) are unreadable here, where `Number()` would read them.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import type { ReportStatus } from '../review/transitions';
import type { ReportTemplate } from '../template/types';
import { tableCells } from '../template/walk';
import { cellKey, emptyCellTotal, parseAmount, SUMMED_TABLES, type CellTotal, type ExcludedReport } from '../summary';

/** An agency below the summary's root, with its report of the year if any. */
export type TreeAgency = {
  id: string;
  name: string;
  /** The root's direct child this agency is in (itself, for a direct child). */
  branch: string;
  /** No agency below it: its report goes into the sum. Above others, its figures are theirs. */
  isLeaf: boolean;
  reportId: string | null;
  status: ReportStatus | null;
};

/** Every agency strictly below `rootId`, tagged with its branch; name order. */
const TREE = (rootId: string) => sql`
  with recursive tree(id, branch) as (
    select a.id, a.id from agencies a where a.parent_id = ${rootId}
    union all
    select a.id, t.branch from agencies a join tree t on a.parent_id = t.id
  )`;

export async function agenciesBelow(db: Db, rootId: string, year: number): Promise<TreeAgency[]> {
  const rows = await db.execute(sql`
    ${TREE(rootId)}
    select t.id::text as id, a.name, t.branch::text as branch,
      not exists (select 1 from agencies c where c.parent_id = t.id) as "isLeaf",
      r.id::text as "reportId", r.status
    from tree t
    join agencies a on a.id = t.id
    left join reports r on r.agency_id = t.id and r.year = ${year}
    order by a.name`);
  return rowsOf<TreeAgency>(rows);
}

/** Sums per branch: each cell's total, and the reports left out (another edition or year). */
export type BranchSums = {
  totals: Map<string, Map<string, CellTotal>>;
  excluded: { reportId: string; branch: string; reason: ExcludedReport['reason'] }[];
};

// A decimal as sum-reports.ts's parseAmount reads it (sign, digits, optional point), ASCII
// blanks around. Whether it has too many places or is not whole is decided on the numeric.
const NUMBER_TEXT = String.raw`^[ \t\n\r]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[ \t\n\r]*$`;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const summedCells = (template: ReportTemplate) =>
  SUMMED_TABLES.flatMap((k) => tableCells(template, k)).map((c) => ({ k: cellKey(c), t: c.table, r: c.row, c: c.col, a: c.valueType === 'amount' }));

type SumOptions = { rootId: string; year: number; statuses: readonly ReportStatus[]; places: number };

/** The statement of `sumBelow` (exported for EXPLAIN when tuning). */
export function sumBelowQuery(template: ReportTemplate, opts: SumOptions): SQL {
  const cells = summedCells(template);
  const statuses = sql.join(
    opts.statuses.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`
    ${TREE(opts.rootId)},
    inc as materialized (
      select r.id, t.branch, r.content->'tables' as tables,
        case when r.content->>'edition' is distinct from ${template.edition} then 'edition'
             when r.content->'meta'->'year' is distinct from to_jsonb(${opts.year}::int) then 'year' end as reason
      from tree t
      join reports r on r.agency_id = t.id and r.year = ${opts.year} and r.status in (${statuses})
      where not exists (select 1 from agencies c where c.parent_id = t.id)
    ),
    cells as (select * from jsonb_to_recordset(${JSON.stringify(cells)}::jsonb) as x(k text, t text, r text, c text, a boolean)),
    -- Each cell of each report, by its path: #> walks to the value without copying the
    -- objects on the way (-> thrice would copy the table, then the row, for every cell).
    -- OFFSET 0 keeps this a subquery of its own, so each value is fetched once and not again
    -- for every reference below. A cell missing from a report is blank there: counted as the
    -- included reports minus the filled and unreadable ones.
    vals as (
      select inc.branch, cells.k, cells.a, inc.tables #> array[cells.t, cells.r, cells.c] as v
      from inc cross join cells where inc.reason is null
      offset 0
    ),
    raw as (
      select branch, k, a, v is null or jsonb_typeof(v) = 'null' or v = '""'::jsonb as blank,
        case when jsonb_typeof(v) = 'number' then v::numeric
             when jsonb_typeof(v) = 'string' and (v #>> '{}') ~ ${NUMBER_TEXT} then (v #>> '{}')::numeric end as n
      from vals offset 0
    ),
    parsed as (
      select branch, k, blank,
        case when blank or n is null then null
             when a then case when n = round(n, ${opts.places}::int) then n end
             else case when n = trunc(n) and abs(n) <= ${MAX_SAFE}::numeric then n end end as num
      from raw offset 0
    )
    select branch::text as branch, k, count(*) filter (where not blank and num is null)::int as unreadable,
      count(num)::int as filled, sum(num)::text as total, null::text as "reportId", null::text as reason
    from parsed group by branch, k
    union all
    select branch::text, null, 0, count(*)::int, null, null, null from inc where reason is null group by branch
    union all
    select branch::text, null, 0, 0, null, id::text, reason from inc where reason is not null`;
}

/**
 * Tables 二/三/四 summed over the reports of `year` of the leaves below `rootId` whose status
 * is one of `statuses`, grouped by the root's direct child each is under. Amounts come back as
 * exact decimals (numeric → text → 0.0001 万元 units), never through a float.
 */
export async function sumBelow(db: Db, template: ReportTemplate, opts: SumOptions): Promise<BranchSums> {
  const rows = await db.execute(sumBelowQuery(template, opts));
  const cells = summedCells(template);
  const keys = cells.map((c) => c.k);
  const amounts = new Set(cells.filter((c) => c.a).map((c) => c.k));
  const totals: BranchSums['totals'] = new Map();
  const excluded: BranchSums['excluded'] = [];
  const included = new Map<string, number>();
  type Row = { branch: string; k: string | null; unreadable: number; filled: number; total: string | null; reportId: string | null; reason: string | null };
  const found = rowsOf<Row>(rows);
  for (const r of found) {
    if (r.k !== null) continue;
    if (r.reportId) excluded.push({ reportId: r.reportId, branch: r.branch, reason: r.reason as ExcludedReport['reason'] });
    else included.set(r.branch, r.filled);
  }
  for (const [branch, n] of included) {
    const cells = new Map<string, CellTotal>();
    for (const k of keys) cells.set(k, { ...emptyCellTotal(), blank: n });
    totals.set(branch, cells);
  }
  for (const r of found) {
    if (r.k === null) continue;
    const acc = totals.get(r.branch)!.get(r.k)!;
    acc.unreadable = r.unreadable;
    acc.filled = r.filled;
    acc.blank -= r.unreadable + r.filled;
    if (r.total !== null) {
      if (amounts.has(r.k)) acc.amount = parseAmount(r.total) ?? 0n;
      else acc.count = Number(r.total);
    }
  }
  return { totals, excluded };
}

/** Cell totals added up (several branches into one sum). */
export function addTotals(parts: Iterable<ReadonlyMap<string, CellTotal>>): Map<string, CellTotal> {
  const out = new Map<string, CellTotal>();
  for (const part of parts)
    for (const [k, t] of part) {
      const acc = out.get(k) ?? emptyCellTotal();
      out.set(k, {
        filled: acc.filled + t.filled,
        blank: acc.blank + t.blank,
        unreadable: acc.unreadable + t.unreadable,
        count: acc.count + t.count,
        amount: acc.amount + t.amount,
      });
    }
  return out;
}

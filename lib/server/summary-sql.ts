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
 * - The cost: the database reads each included report's `tables` once (a
 *   MATERIALIZED CTE, so the jsonb is detoasted once), fetches each of the template's ~200
 *   cells by path (`#>`, once per cell: `->` chains copy the table and the row per cell, and
 *   an inlined expression is evaluated again per reference — 30 s for 5 000 reports before),
 *   and aggregates in `numeric` — exact for 万元 amounts, no float on the way. Measured by
 *   bench/summary.ts at 500, 5 000 and 20 000 reports.
 * A district sums within its target; a province of 5 000 reports takes 1.5–2 s at the top on a
 * loaded 2-core machine, the first time: ./summary-cache.ts keeps each branch's sums until its
 * fingerprint (`branchFingerprints`) changes (ARCHITECTURE.md has the figures).
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

/**
 * Every agency strictly below `rootId`, tagged with its branch (a `with recursive` clause: more
 * CTEs may follow it after a comma). The district insight reads the same tree.
 */
export const TREE = (rootId: string) => sql`
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
export const NUMBER_TEXT = String.raw`^[ \t\n\r]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[ \t\n\r]*$`;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A string as an SQL literal, for statements built once and kept as text (no parameters). */
export const literal = (s: string): SQL => sql.raw(`'${s.replaceAll("'", "''")}'`);

/**
 * A cell's number from its text (`->>`: null for missing and JSON null, a JSON number's digits
 * as numeric_out writes them, a string's characters), exact: the same as `sumBelowQuery` reads
 * from the jsonb (`n<i>`) — a JSON number, or a string holding a decimal; null otherwise.
 */
export const textNumber = (x: SQL): SQL => sql`case when ${x} ~ ${literal(NUMBER_TEXT)} then (${x})::numeric end`;

const summedCells = (template: ReportTemplate) =>
  SUMMED_TABLES.flatMap((k) => tableCells(template, k)).map((c) => ({ k: cellKey(c), t: c.table, r: c.row, c: c.col, a: c.valueType === 'amount' }));

export type SumOptions = {
  rootId: string;
  year: number;
  statuses: readonly ReportStatus[];
  places: number;
  /** Only these of the root's direct children (./summary-cache.ts recomputes the stale ones). */
  branches?: readonly string[];
};

/**
 * The statement of `sumBelow` (exported for EXPLAIN when tuning). One row per branch, one pass
 * over the reports: for cell i, `s<i>` the sum of its readable values, `f<i>` how many were
 * readable, `p<i>` how many were present (not blank); plus the included count and the reports
 * left out. Wide rather than one row per report and cell: a million (report, cell) rows cost
 * their executor overhead and a hash lookup each — 2 s for 5 000 reports against 0.3 s here.
 */
export function sumBelowQuery(template: ReportTemplate, opts: SumOptions): SQL {
  const cells = summedCells(template);
  const statuses = sql.join(
    opts.statuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const list = (f: (c: (typeof cells)[number], i: number) => SQL) => sql.join(cells.map(f), sql`, `);
  // Each cell by its path, once (#> walks without copying the objects on the way; OFFSET 0
  // keeps each step a subquery of its own, so a value is computed once, not per reference).
  const values = list((c, i) => sql`tables #> ${`{${c.t},${c.r},${c.c}}`}::text[] as ${sql.raw(`v${i}`)}`);
  const numbers = list((_, i) => {
    const v = sql.raw(`v${i}`);
    return sql`case when jsonb_typeof(${v}) = 'number' then ${v}::numeric
      when jsonb_typeof(${v}) = 'string' and (${v} #>> '{}') ~ ${NUMBER_TEXT} then (${v} #>> '{}')::numeric end as ${sql.raw(`n${i}`)},
      not (${v} is null or jsonb_typeof(${v}) = 'null' or ${v} = '""'::jsonb) as ${sql.raw(`p${i}`)}`;
  });
  // Readable: an amount of at most the places allowed, a count whole and exact in JavaScript.
  const sums = list((c, i) => {
    const n = sql.raw(`n${i}`);
    const ok = c.a ? sql`${n} = round(${n}, ${opts.places}::int)` : sql`${n} = trunc(${n}) and abs(${n}) <= ${MAX_SAFE}::numeric`;
    return sql`sum(${n}) filter (where ${ok})::text as ${sql.raw(`s${i}`)}, count(*) filter (where ${ok})::int as ${sql.raw(`f${i}`)},
      count(*) filter (where ${sql.raw(`p${i}`)})::int as ${sql.raw(`p${i}`)}`;
  });
  return sql`
    ${TREE(opts.rootId)},
    inc as materialized (
      select r.id, t.branch, r.content->'tables' as tables,
        case when r.content->>'edition' is distinct from ${template.edition} then 'edition'
             when r.content->'meta'->'year' is distinct from to_jsonb(${opts.year}::int) then 'year' end as reason
      from tree t
      join reports r on r.agency_id = t.id and r.year = ${opts.year} and r.status in (${statuses})
      where not exists (select 1 from agencies c where c.parent_id = t.id)${opts.branches ? sql` and t.branch in (${sql.join(opts.branches.map((b) => sql`${b}::uuid`), sql`, `)})` : sql``}
    ),
    vals as (select id, branch, reason, ${values} from (select id, branch, reason, case when reason is null then tables end as tables from inc) x offset 0),
    nums as (select id, branch, reason, ${numbers} from vals offset 0)
    select branch::text as branch, count(*) filter (where reason is null)::int as included,
      coalesce(array_agg(id::text) filter (where reason is not null), '{}') as "excludedIds",
      coalesce(array_agg(reason) filter (where reason is not null), '{}') as "excludedReasons",
      ${sums}
    from nums group by branch`;
}

/**
 * Tables 二/三/四 summed over the reports of `year` of the leaves below `rootId` whose status
 * is one of `statuses`, grouped by the root's direct child each is under. Amounts come back as
 * exact decimals (numeric → text → 0.0001 万元 units), never through a float.
 */
export async function sumBelow(db: Db, template: ReportTemplate, opts: SumOptions): Promise<BranchSums> {
  return branchSumsOf(template, await sumBelowRows(db, template, opts));
}

/** One row of `sumBelowQuery`: a branch's sums as the database answered them. */
export type BranchRow = Record<string, unknown> & { branch: string };

/** The rows of `sumBelowQuery`; a branch with no report of an included status has none. */
export async function sumBelowRows(db: Db, template: ReportTemplate, opts: SumOptions): Promise<BranchRow[]> {
  if (opts.branches && !opts.branches.length) return [];
  // Without JIT: with statistics, the statement's estimated cost passes jit_above_cost, and
  // compiling its 600 aggregates takes PostgreSQL tens of seconds for a query that runs in one.
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return rowsOf<BranchRow>(await tx.execute(sumBelowQuery(template, opts)));
  });
}

/** The database's rows as cell totals per branch: amounts exact, never through a float. */
export function branchSumsOf(template: ReportTemplate, rows: readonly BranchRow[]): BranchSums {
  const cells = summedCells(template);
  const totals: BranchSums['totals'] = new Map();
  const excluded: BranchSums['excluded'] = [];
  for (const row of rows) {
    const branch = row.branch;
    const ids = row.excludedIds as string[];
    const reasons = row.excludedReasons as ExcludedReport['reason'][];
    ids.forEach((reportId, i) => excluded.push({ reportId, branch, reason: reasons[i] }));
    const included = row.included as number;
    const map = new Map<string, CellTotal>();
    cells.forEach((c, i) => {
      const total = row[`s${i}`] as string | null;
      const filled = row[`f${i}`] as number;
      const present = row[`p${i}`] as number;
      const acc: CellTotal = { ...emptyCellTotal(), filled, unreadable: present - filled, blank: included - present };
      if (total !== null) {
        if (c.a) acc.amount = parseAmount(total) ?? 0n;
        else acc.count = Number(total);
      }
      map.set(c.k, acc);
    });
    if (included) totals.set(branch, map);
  }
  return { totals, excluded };
}

/** What a fingerprint covers: the leaves below `rootId` and their reports of an included status. */
export type FingerprintScope = Pick<SumOptions, 'rootId' | 'statuses'> & {
  /** The reports of this year; of every year when absent (the insight's trend reads them all). */
  year?: number;
  /**
   * Also each leaf's own row version (its name, its parent) and that of each report's first
   * version (the insight names its units, and checks the totals a report was imported with).
   */
  rows?: 'insight';
};

/**
 * What figures over the leaves below `rootId` depend on, as one short text (md5): the leaves,
 * and each included report's id with its row version (`xmin`, which every write of the row
 * changes, whoever writes it — autosave, import, restore, a transition, an UPDATE by hand).
 * Equal fingerprints, equal figures. `byBranch`: one per direct child of the root instead.
 */
export function fingerprintQuery(scope: FingerprintScope, byBranch: boolean): SQL {
  const insight = scope.rows === 'insight';
  const statuses = sql.join(
    scope.statuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const report = insight ? sql`':' || r.id::text || ':' || r.xmin::text || ':' || coalesce(v.xmin::text, '')` : sql`':' || r.id::text || ':' || r.xmin::text`;
  return sql`
    ${TREE(scope.rootId)}
    select ${byBranch ? sql`t.branch::text` : sql`''`} as branch,
      md5(string_agg(t.id::text${insight ? sql` || '@' || a.xmin::text` : sql``} || coalesce(${report}, ''), ',' order by t.id, r.id)) as fp
    from tree t
    ${insight ? sql`join agencies a on a.id = t.id` : sql``}
    left join reports r on r.agency_id = t.id${scope.year === undefined ? sql`` : sql` and r.year = ${scope.year}::int`} and r.status in (${statuses})
    ${insight ? sql`left join report_versions v on v.report_id = r.id and v.version = 1` : sql``}
    where not exists (select 1 from agencies c where c.parent_id = t.id)
    ${byBranch ? sql`group by t.branch` : sql``}`;
}

/** Each branch's fingerprint (`fingerprintQuery`): what its sums depend on. */
export async function branchFingerprints(db: Db, opts: Pick<SumOptions, 'rootId' | 'year' | 'statuses'>): Promise<Map<string, string>> {
  const rows = rowsOf<{ branch: string; fp: string }>(await db.execute(fingerprintQuery(opts, true)));
  return new Map(rows.map((r) => [r.branch, r.fp]));
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

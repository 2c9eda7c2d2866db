/**
 * The district insight read by the database (lib/server/insight-sql.ts: only the indicators'
 * cells, the trend as one grouped sum, the sum rules checked in SQL with only the candidates
 * loaded) against the former path that loads every report whole and computes in JavaScript
 * (`figuresInMemory`), as an oracle: the whole DistrictInsight must be equal. Over generated
 * reports of three years on a tree of three levels, with zero denominators, blank and missing
 * cells, numbers stored as text, a fraction, totals that disagree with their details (stored,
 * and only in the first version as imported), a unit whose applications changed more than
 * tenfold, reports of other statuses and of another edition — and a cell that float8 cannot
 * read, which sends the sum rules back to JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DbHandle } from '../../lib/db/client';
import { agencies, reports, reportVersions } from '../../lib/db/schema';
import type { SessionUser } from '../../lib/auth/types';
import { getCell, setCell } from '../../lib/report';
import type { CellRef } from '../../lib/template/types';
import type { Report } from '../../lib/report/types';
import type { ReportStatus } from '../../lib/review/transitions';
import { template2021 as template } from '../../templates/2021';
import { districtInsight } from '../../lib/server/insight';
import { districtSummary } from '../../lib/server/summary';
import { figuresInDb, figuresInMemory, unitsQuery } from '../../lib/server/insight-sql';
import { forgetKeptInsight, type InsightCacheStats } from '../../lib/server/insight-cache';
import { consistentReport } from '../support/generate';
import { backends } from '../support/databases';

const list = await backends();
const YEAR = 2024;
const YEARS = [YEAR - 2, YEAR - 1, YEAR];
const TODAY = new Date('2025-03-01T00:00:00Z');

/**
 * 测试省 ─┬─ 甲市 (its own report) ─┬─ 甲市一区 (its own report) ── 甲市一区 1…6街道
 *         │                          └─ 甲市二区 ── 甲市二区 1…5街道
 *         └─ 乙市 ── 乙市 1…6局
 */
type Node = { name: string; children?: Node[] };
const units = (prefix: string, n: number, suffix: string): Node[] => Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i + 1}${suffix}` }));
const TREE: Node = {
  name: '测试省',
  children: [
    {
      name: '甲市',
      children: [
        { name: '甲市一区', children: units('甲市一区', 6, '街道') },
        { name: '甲市二区', children: units('甲市二区', 5, '街道') },
      ],
    },
    { name: '乙市', children: units('乙市', 6, '局') },
  ],
};

const cell = (table: 'table2' | 'table3' | 'table4', row: string, col: string): CellRef => ({ table, row, col });
/** A cell missing from its row object altogether (a file from elsewhere): read as blank. */
function without(r: Report, ref: CellRef): Report {
  const next = structuredClone(r);
  delete (next.tables[ref.table] as Record<string, Record<string, unknown>>)[ref.row][ref.col];
  return next;
}
const printed = (r: Report): Report => ({ ...r, meta: { ...r.meta, totals: 'asPrinted' } });

type Planned = { status: ReportStatus; content: Report; edition?: string; first?: Report };

/** Every agency's reports by year: the cases the two paths must agree on. */
function plan(names: string[]): Map<string, Map<number, Planned>> {
  const out = new Map<string, Map<number, Planned>>();
  names.forEach((name, i) => {
    const byYear = new Map<number, Planned>();
    for (const year of YEARS) {
      const seed = 1000 * year + i;
      // Scales differ by unit: some small bases (≤ 3 cases), some large.
      const scale = [1, 3, 30, 80, 200][i % 5];
      byYear.set(year, { status: 'approved', content: consistentReport(seed, scale, name, year) });
    }
    out.set(name, byYear);
  });
  const at = (name: string, year = YEAR) => out.get(name)!.get(year)!;
  const edit = (name: string, f: (r: Report) => Report, year = YEAR) => {
    const p = at(name, year);
    p.content = f(p.content);
  };
  // Zero denominators: nothing handled at all.
  edit('甲市一区1街道', () => consistentReport(1, 0, '甲市一区1街道', YEAR));
  // Blank cells the indicators read (null, and missing from the row), counted as 0 and listed.
  edit('甲市一区2街道', (r) => without(setCell(setCell(r, cell('table3', 'granted', 'total'), null), cell('table4', 'review', 'pending'), null), cell('table2', 'rules', 'issued')));
  // Numbers stored as text (a decimal string is read, in SQL as in JavaScript), and a fraction.
  // (The details still add up: this unit's totals are right.)
  edit('甲市一区3街道', (r) => {
    const t4 = r.tables.table4.review;
    let next = setCell(r, cell('table2', 'normativeDocuments', 'issued'), '7' as unknown as number);
    next = setCell(next, cell('table3', 'partial', 'total'), ` ${r.tables.table3.partial.total} ` as unknown as number);
    next = setCell(next, cell('table4', 'review', 'upheld'), 2.5);
    return setCell(next, cell('table4', 'review', 'total'), (t4.total as number) - (t4.upheld as number) + 2.5);
  });
  // Printed totals that disagree with the details, in the stored report (as imported)…
  edit('甲市一区4街道', (r) => printed(setCell(r, cell('table3', 'resultsTotal', 'total'), 99999)));
  // …and in a report made here (R1 is no computed total: the form cannot fix it).
  edit('甲市一区5街道', (r) => setCell(setCell(r, cell('table3', 'newReceived', 'natural'), (r.tables.table3.newReceived.natural as number) + 1), cell('table3', 'newReceived', 'total'), (r.tables.table3.newReceived.total as number) + 1));
  // Only the first version, as imported, disagreed; the stored report was corrected since.
  at('甲市一区6街道').first = printed(setCell(at('甲市一区6街道').content, cell('table4', 'review', 'total'), 999));
  // Both wrong: flagged once, for the stored report.
  edit('甲市二区1街道', (r) => printed(setCell(r, cell('table4', 'litigationDirect', 'total'), 555)));
  at('甲市二区1街道').first = printed(setCell(at('甲市二区1街道').content, cell('table4', 'review', 'total'), 999));
  // More than tenfold last year's applications, and less than a tenth.
  edit('甲市二区2街道', () => consistentReport(7, 1, '甲市二区2街道', YEAR - 1), YEAR - 1);
  edit('甲市二区2街道', () => consistentReport(8, 400, '甲市二区2街道', YEAR));
  edit('乙市1局', () => consistentReport(9, 400, '乙市1局', YEAR - 1), YEAR - 1);
  edit('乙市1局', () => consistentReport(10, 1, '乙市1局', YEAR));
  // Last year's report not approved: no base for the swing rule unless submitted ones are read.
  at('甲市二区3街道', YEAR - 1).status = 'submitted';
  edit('甲市二区3街道', () => consistentReport(11, 1, '甲市二区3街道', YEAR - 1), YEAR - 1);
  edit('甲市二区3街道', () => consistentReport(12, 400, '甲市二区3街道', YEAR));
  // Other statuses this year: submitted (with a totals error), returned, a draft; no report at all.
  at('甲市二区4街道').status = 'submitted';
  edit('甲市二区4街道', (r) => printed(setCell(r, cell('table3', 'carriedForward', 'business'), 12345)));
  at('乙市2局').status = 'returned';
  at('乙市3局').status = 'draft';
  out.get('乙市4局')!.delete(YEAR);
  // Another edition: left out of every figure, counted.
  at('乙市5局').edition = '2019';
  at('乙市5局').content = { ...at('乙市5局').content, edition: '2019' };
  return out;
}

function flatten(node: Node, parent: string | null, out: { name: string; parent: string | null }[] = []) {
  out.push({ name: node.name, parent });
  for (const c of node.children ?? []) flatten(c, node.name, out);
  return out;
}

for (const backend of list) {
  describe(`the district insight in SQL against the in-memory path on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    const ids = new Map<string, string>();
    const reviewer = (name: string): SessionUser => ({ id: randomUUID(), username: 'r', displayName: 'r', role: 'reviewer', agencyId: ids.get(name)!, agencyName: name });
    const both = async (who: string, input: Record<string, unknown>) => {
      const [inDb, inMemory] = [await districtInsight(h.db, reviewer(who), input, TODAY, figuresInDb), await districtInsight(h.db, reviewer(who), input, TODAY, figuresInMemory)];
      return { inDb, inMemory };
    };

    beforeAll(async () => {
      h = await backend.open({ demo: false });
      const nodes = flatten(TREE, null);
      for (const n of nodes) {
        const [a] = await h.db
          .insert(agencies)
          .values({ name: n.name, parentId: n.parent ? ids.get(n.parent)! : null })
          .returning();
        ids.set(n.name, a.id);
      }
      const planned = plan(nodes.filter((n) => n.parent).map((n) => n.name));
      for (const [name, byYear] of planned)
        for (const [year, p] of byYear) {
          const [r] = await h.db
            .insert(reports)
            .values({ agencyId: ids.get(name)!, year, edition: p.edition ?? '2021', status: p.status, content: p.content, version: p.first ? 2 : 1 })
            .returning();
          await h.db.insert(reportVersions).values([
            { reportId: r.id, version: 1, content: p.first ?? p.content },
            ...(p.first ? [{ reportId: r.id, version: 2, content: p.content }] : []),
          ]);
        }
    });
    afterAll(async () => h?.drop());

    it('gives the province the same insight as the in-memory path, with every kind of flag', async () => {
      const { inDb, inMemory } = await both('测试省', { year: YEAR });
      expect(inDb).toEqual(inMemory);
      // The cases are there, so the equality says something.
      expect(inDb.trend.map((p) => p.year)).toEqual(YEARS);
      expect(inDb.otherEdition).toBe(1);
      const rate = inDb.indicators.find((i) => i.key === 'disclosureRate')!;
      expect(rate.agencies.find((a) => a.agencyName === '甲市一区1街道')).toMatchObject({ denominator: 0, value: null });
      expect(rate.blanks).toBeGreaterThan(0);
      expect(inDb.indicators.find((i) => i.key === 'normativeIssued')!.agencies.find((a) => a.agencyName === '甲市一区3街道')!.numerator).toBe(7);
      const flagged = (rule: string) => inDb.flags.filter((f) => f.rule === rule).map((f) => f.agencyName);
      expect(flagged('totals').sort()).toEqual(['甲市一区4街道', '甲市一区5街道', '甲市一区6街道', '甲市二区1街道'].sort());
      expect(inDb.flags.find((f) => f.rule === 'totals' && f.agencyName === '甲市一区6街道')!.message.startsWith('导入的原报告：')).toBe(true);
      expect(flagged('swing')).toEqual(expect.arrayContaining(['甲市二区2街道', '乙市1局']));
      expect(flagged('swing')).not.toContain('甲市二区3街道');
    });

    it('reads the agencies with none below, as the summary does: a city or district with its own report is not a unit, and 依申请新收 equals the summary', async () => {
      for (const [who, above] of [
        ['测试省', ['甲市', '甲市一区', '甲市二区', '乙市']],
        ['甲市', ['甲市一区', '甲市二区']],
      ] as const) {
        const { inDb } = await both(who, { year: YEAR });
        const received = inDb.indicators.find((i) => i.key === 'newReceived')!;
        const names = received.agencies.map((a) => a.agencyName);
        for (const a of above) expect(names, who).not.toContain(a);
        expect(names.length).toBe(inDb.units);
        const summary = await districtSummary(h.db, reviewer(who), { year: YEAR, include: 'approved' });
        expect(received.numerator, who).toBe(getCell(summary.report, cell('table3', 'newReceived', 'total')));
        expect(inDb.units, who).toBe(summary.included);
      }
    });

    it('agrees with submitted reports read too, by another ranking, for a city and a district, and for other years', async () => {
      for (const [who, input] of [
        ['测试省', { year: YEAR, include: 'submitted', rank: 'disclosureRate' }],
        ['甲市', { year: YEAR, rank: 'reviewCorrectionRate' }],
        ['甲市二区', { year: YEAR, include: 'submitted' }],
        ['测试省', { year: YEAR - 1 }],
        ['测试省', { year: YEAR - 2 }],
        ['乙市', { year: YEAR + 1 }],
      ] as const) {
        const { inDb, inMemory } = await both(who, input);
        expect(inDb, `${who} ${JSON.stringify(input)}`).toEqual(inMemory);
      }
      const s = (await both('测试省', { year: YEAR, include: 'submitted' })).inDb;
      // Submitted last year: now a base for the swing rule; submitted this year: its totals read.
      expect(s.flags.filter((f) => f.rule === 'swing').map((f) => f.agencyName)).toContain('甲市二区3街道');
      expect(s.flags.filter((f) => f.rule === 'totals').map((f) => f.agencyName)).toContain('甲市二区4街道');
    });

    it('sends the sum rules back to JavaScript when a cell is text float8 cannot read, and still agrees', async () => {
      const [r] = await h.db
        .select({ id: reports.id, content: reports.content })
        .from(reports)
        .where(and(eq(reports.agencyId, ids.get('乙市6局')!), eq(reports.year, YEAR)));
      const odd = setCell(r.content, cell('table3', 'granted', 'natural'), 'abc' as unknown as number);
      await h.db.update(reports).set({ content: odd }).where(eq(reports.id, r.id));
      try {
        const q = { agencyIds: [...ids.values()], year: YEAR, statuses: ['approved'] as const };
        await expect(h.db.transaction(async (tx) => tx.execute(unitsQuery(template, q)))).rejects.toThrow();
        const { inDb, inMemory } = await both('测试省', { year: YEAR });
        expect(inDb).toEqual(inMemory);
        expect(getCell(odd, cell('table3', 'granted', 'natural'))).toBe('abc');
      } finally {
        await h.db.update(reports).set({ content: r.content }).where(eq(reports.id, r.id));
      }
    });

    // Last: it changes reports and agencies.
    it('kept figures: any write below — by hand, in SQL — is seen at the next look, which equals the oracle', async () => {
      const look = async (who: string) => {
        const stats: InsightCacheStats = { computed: false };
        const kept = await districtInsight(h.db, reviewer(who), { year: YEAR }, TODAY, undefined, stats);
        return { kept, computed: stats.computed, branchesRead: stats.branchesRead, oracle: await districtInsight(h.db, reviewer(who), { year: YEAR }, TODAY, figuresInMemory) };
      };
      const received = (s: Awaited<ReturnType<typeof look>>['kept']) => s.indicators.find((i) => i.key === 'newReceived')!;
      forgetKeptInsight();
      for (const who of ['测试省', '甲市二区']) {
        const first = await look(who);
        expect(first.computed, who).toBe(true);
        expect(first.branchesRead, who).toBeGreaterThan(1);
        expect(first.kept).toEqual(first.oracle);
        const again = await look(who);
        expect(again.computed, who).toBe(false);
        expect(again.kept).toEqual(first.oracle);
      }
      /** Each write: both scopes see it at their next look, computed again, equal to the oracle; then kept. */
      const seen = async (what: string, write: () => Promise<unknown>, changed: (before: Awaited<ReturnType<typeof look>>, after: Awaited<ReturnType<typeof look>>) => void) => {
        const before = await look('甲市二区');
        await look('测试省');
        await write();
        for (const who of ['甲市二区', '测试省']) {
          const after = await look(who);
          expect(after.kept, `${what}: ${who}`).toEqual(after.oracle);
          expect(after.computed, `${what}: ${who}`).toBe(true);
          // Only the branch the write is under is read again: 甲市 of the province's cities, the
          // street office of the district's (the others' figures kept, merged in name order).
          expect(after.branchesRead, `${what}: ${who}`).toBe(1);
          if (who === '甲市二区') changed(before, after);
          expect((await look(who)).computed, `${what}: ${who}, looked at again`).toBe(false);
        }
      };
      const reportOf = async (name: string) =>
        (await h.db.select({ id: reports.id }).from(reports).where(and(eq(reports.agencyId, ids.get(name)!), eq(reports.year, YEAR))))[0].id;

      // One cell written straight into the row: only the row version tells.
      const fifth = await reportOf('甲市二区5街道');
      await seen(
        'a cell',
        () => h.db.execute(sql`update reports set content = jsonb_set(content, '{tables,table3,newReceived,total}', '4321') where id = ${fifth}`),
        (before, after) => expect(received(after.kept).numerator).not.toBe(received(before.kept).numerator),
      );
      // A unit renamed: its name in every figure and in the ranking.
      await seen(
        'a name',
        () => h.db.execute(sql`update agencies set name = '甲市二区第五街道' where id = ${ids.get('甲市二区5街道')!}`),
        (_, after) => expect(received(after.kept).agencies.map((a) => a.agencyName)).toContain('甲市二区第五街道'),
      );
      // Returned: out of the approved figures.
      await seen(
        'a status',
        () => h.db.execute(sql`update reports set status = 'returned' where id = ${fifth}`),
        (before, after) => expect(after.kept.units).toBe(before.kept.units - 1),
      );
      // A report of a unit that had none this year.
      await seen(
        'a new report',
        () => h.db.insert(reports).values({ agencyId: ids.get('甲市二区5街道')!, year: YEAR + 1, edition: '2021', status: 'approved', content: consistentReport(77, 30, '甲市二区第五街道', YEAR + 1) }),
        (before, after) => expect(after.kept.trend.length).toBe(before.kept.trend.length + 1),
      );
    });

    it('reads nothing for a reviewer with no agency below', async () => {
      const { inDb, inMemory } = await both('乙市1局', { year: YEAR });
      expect(inDb).toEqual(inMemory);
      expect(inDb.units).toBe(0);
    });
  });
}

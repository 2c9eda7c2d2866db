/**
 * The summary summed by the database (lib/server/summary-sql.ts) against the in-memory sum
 * (lib/summary/sum-reports.ts) as an independent oracle, cell by cell, on a tree of several
 * levels: blanks, 5-digit counts, 2-decimal amounts whose float sum is inexact, unreadable
 * cells, a report of another edition; the roll-up per child agency and the drill-down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { DbHandle } from '../../lib/db/client';
import { agencies, reports } from '../../lib/db/schema';
import type { SessionUser } from '../../lib/auth/types';
import { getCell, setCell } from '../../lib/report';
import type { Report } from '../../lib/report/types';
import type { ReportStatus } from '../../lib/review/transitions';
import { SUMMED_TABLES, sumReports } from '../../lib/summary';
import { tableCells } from '../../lib/template/walk';
import { template2021 as template } from '../../templates/2021';
import { districtSummary } from '../../lib/server/summary';
import { districtInsight } from '../../lib/server/insight';
import { computeIndicators } from '../../lib/insight/indicators';
import { forgetKeptSums, sumBelowKept, type CacheStats } from '../../lib/server/summary-cache';
import { AMOUNT_PLACES } from '../../lib/report/limits';
import { and, eq } from 'drizzle-orm';
import { consistentReport } from '../support/generate';
import { backends } from '../support/databases';
import { failure } from '../support/failure';

const list = await backends();
const YEAR = 2023;
const AMOUNT = { table: 'table2', row: 'administrativeFees', col: 'amount' } as const;
const allCells = SUMMED_TABLES.flatMap((k) => tableCells(template, k));

/**
 * 测试市 ─┬─ 甲区 (its own report too) ─┬─ 甲区一街道 … 甲区三街道
 *         │                             └─ 甲区四镇 ── 甲区四镇一村, 甲区四镇二村   (a third level)
 *         ├─ 乙区 ── 乙区一街道, 乙区二街道
 *         └─ 测试市教育局                (a department of the city itself)
 * 另一市 ── 另一市一街道                  (outside the city's scope)
 */
type Node = { name: string; children?: Node[] };
const TREE: Node[] = [
  {
    name: '测试市',
    children: [
      {
        name: '甲区',
        children: [
          { name: '甲区一街道' },
          { name: '甲区二街道' },
          { name: '甲区三街道' },
          { name: '甲区四镇', children: [{ name: '甲区四镇一村' }, { name: '甲区四镇二村' }] },
        ],
      },
      { name: '乙区', children: [{ name: '乙区一街道' }, { name: '乙区二街道' }] },
      { name: '测试市教育局' },
    ],
  },
  { name: '另一市', children: [{ name: '另一市一街道' }] },
];

/** Each agency's report of YEAR: status and content (absent: no report). */
function plan(): Record<string, { status: ReportStatus; content: Report }> {
  let seed = 100;
  // 2-decimal amounts whose float sum is not exact.
  const amounts = ['0.10', '0.20', '0.70', '12345.67', '98765.43', '0.01', '3.33', '7.77', '0.05'];
  const make = (name: string, i: number) => {
    const r = consistentReport(seed++, 60, name, YEAR);
    return setCell(r, AMOUNT, amounts[i % amounts.length]);
  };
  const names = ['甲区一街道', '甲区二街道', '甲区三街道', '甲区四镇一村', '甲区四镇二村', '乙区一街道', '乙区二街道', '测试市教育局', '甲区', '甲区四镇', '另一市一街道'];
  const p: Record<string, { status: ReportStatus; content: Report }> = {};
  names.forEach((n, i) => (p[n] = { status: 'approved', content: make(n, i) }));
  // Blanks: one cell blank in two reports, another in one; the amount blank in one.
  const c1 = { table: 'table3', row: 'partial', col: 'research' } as const;
  const c2 = { table: 'table4', row: 'litigationDirect', col: 'upheld' } as const;
  p['甲区一街道'].content = setCell(p['甲区一街道'].content, c1, null);
  p['乙区一街道'].content = setCell(setCell(p['乙区一街道'].content, c1, null), c2, null);
  p['甲区四镇二村'].content = setCell(p['甲区四镇二村'].content, AMOUNT, null);
  // 5-digit counts.
  p['甲区二街道'].content = setCell(p['甲区二街道'].content, { table: 'table2', row: 'licensing', col: 'decisions' }, 98765);
  // Unreadable: an amount with five places, a count that is not whole.
  p['乙区二街道'].content = setCell(setCell(p['乙区二街道'].content, AMOUNT, '1.23456'), { table: 'table2', row: 'rules', col: 'issued' }, 2.5);
  // Another edition: approved, but left out.
  p['甲区三街道'].content = { ...p['甲区三街道'].content, edition: '2019' };
  // Not approved: left out of the approved-only sum.
  p['甲区四镇一村'].status = 'submitted';
  p['测试市教育局'].status = 'draft';
  return p;
}

for (const backend of list) {
  describe(`the summary computed in the database, on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    const id: Record<string, string> = {};
    const parentOf: Record<string, string | null> = {};
    const planned = plan();
    const reviewer = (agency: string): SessionUser => ({
      id: randomUUID(),
      username: agency,
      displayName: agency,
      role: 'reviewer',
      agencyId: id[agency],
      agencyName: agency,
    });

    beforeAll(async () => {
      h = await backend.open({ demo: false });
      const insert = async (nodes: Node[], parent: string | null) => {
        for (const n of nodes) {
          const [row] = await h.db
            .insert(agencies)
            .values({ name: n.name, parentId: parent ? id[parent] : null })
            .returning();
          id[n.name] = row.id;
          parentOf[n.name] = parent;
          await insert(n.children ?? [], n.name);
        }
      };
      await insert(TREE, null);
      await h.db.insert(reports).values(
        Object.entries(planned).map(([name, p]) => ({ agencyId: id[name], year: YEAR, edition: '2021', status: p.status, content: p.content })),
      );
    });
    afterAll(async () => h?.drop());

    /** Below `root`, the agencies with nothing below them. */
    const leavesBelow = (root: string): string[] => {
      const kids = Object.keys(parentOf).filter((n) => parentOf[n] === root);
      return kids.flatMap((k) => (Object.values(parentOf).includes(k) ? leavesBelow(k) : [k]));
    };
    /** The oracle: the approved reports of those leaves, summed in memory. */
    const oracle = (leaves: string[], agencyName: string) =>
      sumReports(
        template,
        leaves.filter((n) => planned[n]?.status === 'approved').map((n) => planned[n].content),
        { agencyName, year: YEAR },
      );

    it('the city total equals the in-memory sum of its leaves, cell by cell, with blanks and unreadable cells', async () => {
      const s = await districtSummary(h.db, reviewer('测试市'), { year: YEAR, include: 'approved' });
      const expected = oracle(leavesBelow('测试市'), '测试市');
      for (const c of allCells) expect(getCell(s.report, c), `${c.table}.${c.row}.${c.col}`).toStrictEqual(getCell(expected.report, c));
      expect(s.report).toEqual(expected.report);
      expect(s.blanks).toEqual(expected.blanks);
      expect(s.unreadable).toEqual(expected.unreadable);
      expect(s.included).toBe(expected.included);
      expect(s.message).toBe(expected.message);
      // What the data was chosen to exercise actually happened.
      expect(expected.excluded.map((e) => e.reason)).toEqual(['edition']);
      expect(s.blanks.map((b) => [b.row, b.col, b.missingIn])).toEqual([
        ['administrativeFees', 'amount', 1],
        ['partial', 'research', 2],
        ['litigationDirect', 'upheld', 1],
      ]);
      expect(s.unreadable.map((u) => u.row)).toEqual(['rules', 'administrativeFees']);
      expect(getCell(s.report, { table: 'table2', row: 'licensing', col: 'decisions' })).toBeGreaterThan(98765);
      const amounts = leavesBelow('测试市')
        .filter((n) => planned[n].status === 'approved' && planned[n].content.edition === '2021')
        .map((n) => getCell(planned[n].content, AMOUNT))
        .filter((v): v is string => typeof v === 'string' && /^\d+\.\d{2}$/.test(v));
      const floatSum = amounts.reduce((a, v) => a + Number(v), 0);
      expect(String(floatSum)).not.toBe(getCell(s.report, AMOUNT)); // a float would have been wrong…
      expect(getCell(s.report, AMOUNT)).toBe('0.31'); // …the database's numeric is not
      // The agencies: leaves counted, the districts' own reports not added twice, the other edition noted.
      const row = (n: string) => s.agencies.find((a) => a.agencyName === n)!;
      expect(row('甲区').isIncluded).toBe(false);
      expect(row('甲区').note).toContain('不重复计入');
      expect(row('甲区三街道')).toMatchObject({ isIncluded: false, note: '格式版本不同，未计入' });
      expect(row('甲区一街道').isIncluded).toBe(true);
      expect(s.agencies.some((a) => a.agencyName.startsWith('另一市'))).toBe(false);
      // 12 agencies below the city: 乙区 has no report; 甲区 and 甲区四镇 count in the completion.
      expect(s.counts).toEqual({ none: 1, draft: 1, submitted: 1, returned: 0, approved: 8 });
    });

    it('roll-up: each child of the city with its subtree sum and completion; a district drilled down equals its row', async () => {
      const s = await districtSummary(h.db, reviewer('测试市'), { year: YEAR, include: 'approved' });
      // Name order as the database sorts (code points here: 乙 < 测 < 甲).
      // In pinyin order (测试市教育局, 甲区, 乙区), as the summary lists them.
      const byName = new Intl.Collator('zh-CN').compare;
      expect(s.children.map((c) => c.agencyName)).toEqual(['甲区', '乙区', '测试市教育局'].sort(byName));
      const child = (n: string) => s.children.find((c) => c.agencyName === n)!;
      expect([child('甲区'), child('乙区'), child('测试市教育局')].map((c) => [c.isLeaf, c.agencies])).toEqual([
        [false, 7],
        [false, 3],
        [true, 1],
      ]);
      for (const child of s.children) {
        const leaves = child.isLeaf ? [child.agencyName] : leavesBelow(child.agencyName);
        const expected = oracle(leaves, child.agencyName);
        expect(child.report, child.agencyName).toEqual(expected.report);
        expect(child.included).toBe(expected.included);
      }
      const jia = s.children.find((c) => c.agencyName === '甲区')!;
      expect(jia.counts).toEqual({ none: 0, draft: 0, submitted: 1, returned: 0, approved: 6 });
      expect(s.children.find((c) => c.agencyName === '乙区')!.counts).toEqual({ none: 1, draft: 0, submitted: 0, returned: 0, approved: 2 });
      expect(s.children.find((c) => c.agencyName === '测试市教育局')!.reportId).not.toBeNull();

      // Drill-down: the city reviewer opens 甲区, then 甲区四镇 (a third level).
      const down = await districtSummary(h.db, reviewer('测试市'), { year: YEAR, include: 'approved', agency: id['甲区'] });
      expect(down.districtName).toBe('甲区');
      expect(down.path.map((p) => p.agencyName)).toEqual(['测试市', '甲区']);
      expect({ ...down.report, meta: { ...down.report.meta, agencyName: '' } }).toEqual({ ...jia.report, meta: { ...jia.report.meta, agencyName: '' } });
      expect(down.children.map((c) => c.agencyName)).toEqual(['甲区一街道', '甲区三街道', '甲区二街道', '甲区四镇'].sort(byName));
      const town = await districtSummary(h.db, reviewer('测试市'), { year: YEAR, include: 'submitted', agency: id['甲区四镇'] });
      expect(town.path.map((p) => p.agencyName)).toEqual(['测试市', '甲区', '甲区四镇']);
      expect(town.report).toEqual(
        sumReports(template, [planned['甲区四镇一村'].content, planned['甲区四镇二村'].content], { agencyName: '甲区四镇', year: YEAR }).report,
      );
      // The district's own reviewer sees the same as the city drilling down.
      const own = await districtSummary(h.db, reviewer('甲区'), { year: YEAR, include: 'approved' });
      expect(own.report).toEqual(down.report);
    });

    it('drill-down only within the scope: outside it or above it is not found; a filer is refused', async () => {
      const city = reviewer('测试市');
      expect(await failure(districtSummary(h.db, city, { year: YEAR, agency: id['另一市一街道'] }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(districtSummary(h.db, city, { year: YEAR, agency: id['另一市'] }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(districtSummary(h.db, city, { year: YEAR, agency: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(districtSummary(h.db, reviewer('甲区'), { year: YEAR, agency: id['测试市'] }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(districtSummary(h.db, city, { year: YEAR, agency: 'x' }))).toMatchObject({ code: 'INVALID' });
      const filer: SessionUser = { ...reviewer('甲区一街道'), role: 'filer' };
      expect(await failure(districtSummary(h.db, filer, { year: YEAR, agency: id['甲区一街道'] }))).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('辖区分析 drilled down: the level below with its units added up (rates as sums over sums); inside the scope only', async () => {
      const city = reviewer('测试市');
      const ins = await districtInsight(h.db, city, { year: YEAR, include: 'approved' });
      const byName = new Intl.Collator('zh-CN').compare;
      expect(ins.branches.map((b) => b.agencyName)).toEqual(['甲区', '乙区', '测试市教育局'].sort(byName));
      /**
       * What the indicators of a branch must be: its leaves' approved reports, computed in memory. (The
       * insight reads a report's edition from its row, which is 2021 for every row here, so
       * 甲区三街道's content marked 2019 counts: the summary's in-memory oracle reads the content.)
       */
      const expected = (leaves: string[]) =>
        computeIndicators(
          template,
          leaves.filter((n) => planned[n]?.status === 'approved').map((n) => ({ agencyId: id[n], agencyName: n, report: planned[n].content })),
        );
      for (const b of ins.branches) {
        const want = expected(b.isLeaf ? [b.agencyName] : leavesBelow(b.agencyName));
        for (const i of want) {
          const got = b.figures[i.key];
          expect([got.numerator, got.denominator, got.value], `${b.agencyName} ${i.name}`).toEqual([i.numerator, i.denominator, i.value]);
        }
        expect(b.units).toBe(want[0].agencies.length);
      }
      const jia = ins.branches.find((b) => b.agencyName === '甲区')!;
      expect([jia.isLeaf, jia.units]).toEqual([false, 4]);
      expect(ins.branches.find((b) => b.agencyName === '测试市教育局')!.isLeaf).toBe(true);

      // Drilled down to 甲区: the same figures as 甲区's own reviewer sees, its own level below.
      const down = await districtInsight(h.db, city, { year: YEAR, include: 'approved', agency: id['甲区'] });
      const own = await districtInsight(h.db, reviewer('甲区'), { year: YEAR, include: 'approved' });
      expect(down.path.map((p) => p.agencyName)).toEqual(['测试市', '甲区']);
      expect(down.districtName).toBe('甲区');
      expect(down.indicators).toEqual(own.indicators);
      expect(down.indicators.find((i) => i.key === 'newReceived')!.numerator).toBe(jia.figures.newReceived.numerator);
      expect(down.branches.map((b) => b.agencyName)).toEqual(['甲区一街道', '甲区三街道', '甲区二街道', '甲区四镇'].sort(byName));
      expect(down.completion.map((l) => l.level)).toEqual([1, 2]);

      // Outside the scope, above it, or not an id: refused as the summary refuses.
      expect(await failure(districtInsight(h.db, city, { year: YEAR, agency: id['另一市'] }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(districtInsight(h.db, reviewer('甲区'), { year: YEAR, agency: id['测试市'] }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(districtInsight(h.db, city, { year: YEAR, agency: 'x' }))).toMatchObject({ code: 'INVALID' });
    });

    // Last: it changes reports and the tree.
    it('kept sums: any write below is seen at the next look, and only the branch it is in is summed again', async () => {
      const city = reviewer('测试市');
      const opts = { rootId: id['测试市'], year: YEAR, statuses: ['approved'] as const, places: AMOUNT_PLACES };
      const look = async () => {
        const stats: CacheStats = { branches: 0, summed: 0 };
        await sumBelowKept(h.db, template, opts, stats);
        const s = await districtSummary(h.db, city, { year: YEAR, include: 'approved' });
        return { stats, s };
      };
      const expectOracle = (s: Awaited<ReturnType<typeof look>>['s']) => expect(s.report).toEqual(oracle(leavesBelow('测试市'), '测试市').report);
      const write = async (name: string, change: Partial<typeof reports.$inferInsert>) =>
        h.db.update(reports).set(change).where(and(eq(reports.agencyId, id[name]), eq(reports.year, YEAR)));

      forgetKeptSums();
      expect((await look()).stats).toEqual({ branches: 3, summed: 3 });
      expect((await look()).stats).toEqual({ branches: 3, summed: 0 });

      // A cell written straight into the row (no application code told the cache anything).
      const licensing = { table: 'table2', row: 'licensing', col: 'decisions' } as const;
      planned['乙区一街道'].content = setCell(planned['乙区一街道'].content, licensing, 4321);
      await write('乙区一街道', { content: planned['乙区一街道'].content });
      let l = await look();
      expect(l.stats).toEqual({ branches: 3, summed: 1 });
      expectOracle(l.s);
      // The same content written again is still a write: summed again, same sums.
      await write('乙区一街道', { content: planned['乙区一街道'].content });
      expect((await look()).stats.summed).toBe(1);

      // A status leaves the approved sum; a draft's autosave changes nothing that is summed.
      planned['甲区二街道'].status = 'returned';
      await write('甲区二街道', { status: 'returned' });
      l = await look();
      expect(l.stats.summed).toBe(1);
      expectOracle(l.s);
      await write('测试市教育局', { content: setCell(planned['测试市教育局'].content, licensing, 777) });
      expect((await look()).stats.summed).toBe(0);

      // The tree: 乙区二街道 gets a unit below it, whose approved report now counts instead of its own.
      const [unit] = await h.db.insert(agencies).values({ name: '乙区二街道一社区', parentId: id['乙区二街道'] }).returning();
      id['乙区二街道一社区'] = unit.id;
      parentOf['乙区二街道一社区'] = '乙区二街道';
      planned['乙区二街道一社区'] = { status: 'approved', content: consistentReport(999, 40, '乙区二街道一社区', YEAR) };
      await h.db.insert(reports).values({ agencyId: unit.id, year: YEAR, edition: '2021', status: 'approved', content: planned['乙区二街道一社区'].content });
      l = await look();
      expect(l.stats.summed).toBe(1);
      expectOracle(l.s);
    });
  });
}

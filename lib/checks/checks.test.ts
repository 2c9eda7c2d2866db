import { describe, expect, it } from 'vitest';
import { runChecks, type Finding } from './index';
import { getCell, recomputeTotals, setCell } from '../report/cells';
import { blankReport } from '../report/blank';
import { carryOver } from '../report/carry-over';
import type { CellRef, Report } from '../report/types';
import { template2021 as template } from '../../templates/2021';
import { loadSeedFixtures } from '../../test/fixtures/load';
import {
  APPLICANTS,
  RESULT_LEAVES,
  T3_COLUMNS,
  T3_ROWS,
  T4_GROUPS,
  T4_MEASURES,
  consistentReport,
  rng,
} from '../../test/support/generate';

const HARD = new Set(['R1', 'R2', 'R3', 'R4']);
const t3 = (r: Report, row: string, col: string) => getCell(r, { table: 'table3', row, col }) as number;
const t4 = (r: Report, row: string, col: string) => getCell(r, { table: 'table4', row, col }) as number;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The rules of design §3.1 written out a second time, by hand, from the row and column keys —
 * an oracle independent of the template-driven implementation.
 */
function oracle(r: Report): Set<string> {
  const failing = new Set<string>();
  for (const c of T3_COLUMNS) {
    if (t3(r, 'newReceived', c) + t3(r, 'carriedOver', c) !== t3(r, 'resultsTotal', c) + t3(r, 'carriedForward', c)) failing.add(`R1:table3:${c}`);
    if (t3(r, 'resultsTotal', c) !== sum(RESULT_LEAVES.map((row) => t3(r, row, c)))) failing.add(`R2:table3:${c}`);
  }
  for (const row of T3_ROWS) if (t3(r, row, 'total') !== sum(APPLICANTS.map((c) => t3(r, row, c)))) failing.add(`R3:table3:${row}`);
  for (const g of T4_GROUPS) if (t4(r, g, 'total') !== sum(T4_MEASURES.map((m) => t4(r, g, m)))) failing.add(`R4:table4:${g}`);
  return failing;
}

const sumRuleIds = (fs: Finding[]) => new Set(fs.filter((f) => HARD.has(f.rule)).map((f) => f.id));
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');

describe('the five seed reports', () => {
  const seeds = loadSeedFixtures();
  it('are all there', () => expect(seeds).toHaveLength(5));
  for (const { name, report } of seeds) {
    it(`${name}: every hard rule R1–R6 holds in every column and row`, () => {
      const findings = runChecks(template, report);
      expect(errors(findings)).toEqual([]);
      expect(oracle(report)).toEqual(new Set());
    });
  }
  it('seed 002: the malformed date 「2024 年 12 年 31 日」 is flagged', () => {
    const seed = seeds.find((s) => s.name.startsWith('002'))!;
    const f = runChecks(template, seed.report).filter((x) => x.rule === 'DATE-TEXT');
    expect(f.map((x) => x.message).join()).toContain('2024 年 12 年 31 日');
  });
  it('seed 000: the missing 信息处理费 statement is flagged; seeds that state it are not', () => {
    const flagged = seeds.filter((s) => runChecks(template, s.report).some((f) => f.rule === 'FEE-SECTION')).map((s) => s.name.slice(0, 3));
    expect(flagged).toEqual(['000']);
  });
});

describe('sum rules R1–R4, on generated reports', () => {
  it('a consistent report has no error', () => {
    for (let seed = 1; seed <= 20; seed++) expect(errors(runChecks(template, consistentReport(seed)))).toEqual([]);
  });

  it('R1 broken in one column is reported in exactly that column, with both sides and the difference', () => {
    let r = consistentReport(3);
    r = { ...r, meta: { ...r.meta, totals: 'asPrinted' } };
    const before = t3(r, 'newReceived', 'research');
    // Keep the row total right (R3 holds), so only the cross-sum breaks — in 科研机构 and in 总计.
    r = setCell(r, { table: 'table3', row: 'newReceived', col: 'research' }, before + 2);
    r = setCell(r, { table: 'table3', row: 'newReceived', col: 'total' }, t3(r, 'newReceived', 'total') + 2);
    const r1 = runChecks(template, r).filter((f) => f.rule === 'R1');
    expect(r1.map((f) => f.id)).toEqual(['R1:table3:research', 'R1:table3:total']);
    const f = r1[0];
    expect(f.severity).toBe('error');
    expect(f.section).toBe('requestsTable');
    expect(f.message).toContain('科研机构');
    expect(f.difference).toBe(2);
    expect(f.lhs!.value - f.rhs!.value).toBe(2);
    expect(f.lhs!.value).toBe(t3(r, 'newReceived', 'research') + t3(r, 'carriedOver', 'research'));
    expect(f.cells).toContainEqual({ table: 'table3', row: 'newReceived', col: 'research' });
    expect(f.cells).toContainEqual({ table: 'table3', row: 'carriedForward', col: 'research' });
    expect(f.cells.every((c) => c.col === 'research')).toBe(true);
  });

  it('each single-cell change of 表三 and 表四 is reported exactly where the rules break (oracle, every cell)', () => {
    const rand = rng(42);
    const base0 = consistentReport(7);
    const base: Report = { ...base0, meta: { ...base0.meta, totals: 'asPrinted' } };
    let cases = 0;
    for (const [table, rows, cols] of [
      ['table3', T3_ROWS, T3_COLUMNS],
      ['table4', T4_GROUPS, [...T4_MEASURES, 'total']],
    ] as const) {
      for (const row of rows) {
        for (const col of cols) {
          const ref: CellRef = { table, row, col };
          const delta = 1 + Math.floor(rand() * 5);
          const broken = setCell(base, ref, (getCell(base, ref) as number) + delta);
          const expected = oracle(broken);
          expect(expected.size).toBeGreaterThan(0);
          expect(sumRuleIds(runChecks(template, broken))).toEqual(expected);
          cases++;
        }
      }
    }
    expect(cases).toBe(25 * 7 + 15);
  });

  it('with computed totals, a changed detail is reported in its own column only (总计 follows from it)', () => {
    const r = consistentReport(9);
    for (const col of APPLICANTS) {
      const ref: CellRef = { table: 'table3', row: 'carriedForward', col };
      const next = recomputeTotals(template, setCell(r, ref, (getCell(r, ref) as number) + 1));
      expect([...sumRuleIds(runChecks(template, next))]).toEqual([`R1:table3:${col}`]);
    }
  });

  it('R4 in each group of 表四', () => {
    for (const g of T4_GROUPS) {
      const r0 = consistentReport(11);
      const r = setCell({ ...r0, meta: { ...r0.meta, totals: 'asPrinted' } }, { table: 'table4', row: g, col: 'pending' }, t4(r0, g, 'pending') + 1);
      const f = runChecks(template, r).filter((x) => HARD.has(x.rule));
      expect(f.map((x) => x.id)).toEqual([`R4:table4:${g}`]);
      expect(f[0].difference).toBe(-1);
    }
  });

  it('a column with a blank cell is not judged by R1–R4 (R6 reports the blank instead)', () => {
    const r = setCell(consistentReport(5), { table: 'table3', row: 'granted', col: 'natural' }, null);
    const f = runChecks(template, r);
    expect(f.filter((x) => HARD.has(x.rule))).toEqual([]);
    expect(f.find((x) => x.rule === 'R6')!.cells).toContainEqual({ table: 'table3', row: 'granted', col: 'natural' });
  });
});

describe('R5 domain and R6 completeness', () => {
  it('refuses negative and fractional counts, and bad amounts, naming the cell', () => {
    let r = consistentReport(2);
    r = setCell(r, { table: 'table4', row: 'review', col: 'upheld' }, -1);
    r = setCell(r, { table: 'table2', row: 'licensing', col: 'decisions' }, 1.5);
    r = setCell(r, { table: 'table2', row: 'administrativeFees', col: 'amount' }, '12.34567');
    const r5 = runChecks(template, r).filter((f) => f.rule === 'R5');
    expect(r5.map((f) => f.id).sort()).toEqual(
      ['R5:table2:administrativeFees:amount', 'R5:table2:licensing:decisions', 'R5:table4:review:upheld'].sort(),
    );
    expect(r5.find((f) => f.id.includes('review'))!.message).toContain('负数');
    expect(r5.every((f) => f.severity === 'error')).toBe(true);
  });

  it('accepts amounts with up to four decimals, and 0', () => {
    for (const amount of ['0', '96171.6', '4068.208', '59237.2449']) {
      const r = setCell(consistentReport(2), { table: 'table2', row: 'administrativeFees', col: 'amount' }, amount);
      expect(runChecks(template, r).filter((f) => f.rule === 'R5')).toEqual([]);
    }
  });

  it('counts every blank detail cell per table, but not the computed totals of a report made here', () => {
    let r = consistentReport(4);
    r = setCell(r, { table: 'table3', row: 'granted', col: 'natural' }, null);
    r = setCell(r, { table: 'table3', row: 'complaint', col: 'otherOrg' }, null);
    r = setCell(r, { table: 'table2', row: 'rules', col: 'issued' }, null);
    const r6 = runChecks(template, r).filter((f) => f.rule === 'R6');
    expect(r6.map((f) => f.id)).toEqual(['R6:table2', 'R6:table3']);
    expect(r6[1].cells).toHaveLength(2);
    expect(r6[1].message).toContain('2 个单元格未填写');
    // An imported report's printed totals count too.
    const printed = setCell({ ...r, meta: { ...r.meta, totals: 'asPrinted' } }, { table: 'table4', row: 'review', col: 'total' }, null);
    expect(runChecks(template, printed).some((f) => f.id === 'R6:table4')).toBe(true);
  });
});

describe('soft checks', () => {
  const base = () => consistentReport(6);
  const rules = (r: Report) => runChecks(template, r).map((f) => f.rule);

  it('a complete consistent report has no finding at all', () => {
    expect(runChecks(template, base())).toEqual([]);
  });

  it('title year, statistics period and report year must agree; dates must be real', () => {
    const r = base();
    expect(rules({ ...r, meta: { ...r.meta, title: '文峰区测试街道办事处2023年政府信息公开工作年度报告' } })).toContain('YEAR');
    expect(rules({ ...r, meta: { ...r.meta, periodEnd: '2024-02-30' } })).toContain('DATE');
    expect(rules({ ...r, meta: { ...r.meta, periodStart: '2023-01-01' } })).toContain('YEAR');
    expect(rules({ ...r, meta: { ...r.meta, periodStart: '2024-03-01' } })).toContain('PERIOD');
    expect(rules({ ...r, meta: { ...r.meta, publishDate: '2025-02-10' } })).toContain('DEADLINE');
    expect(rules({ ...r, meta: { ...r.meta, publishDate: '2025-01-20' } })).toEqual([]);
    const yearFinding = runChecks(template, { ...r, meta: { ...r.meta, periodEnd: '2024-02-30' } })[0];
    expect(yearFinding.field).toBe('periodEnd');
  });

  it('every required part of 一 is filled', () => {
    const r = base();
    r.text.overview.platform = '  ';
    const f = runChecks(template, r).filter((x) => x.rule === 'PART-EMPTY');
    expect(f.map((x) => x.part)).toEqual([{ section: 'overview', part: 'platform' }]);
    expect(f[0].message).toContain('政府信息公开平台建设');
  });

  it('六 must state whether 信息处理费 was collected, all the more when fees lapsed', () => {
    let r = base();
    // No lapsed fee case: move each column's 逾期未缴费 count to 予以公开 (the sums still hold).
    for (const col of APPLICANTS) {
      r = setCell(r, { table: 'table3', row: 'granted', col }, t3(r, 'granted', col) + t3(r, 'feeUnpaid', col));
      r = setCell(r, { table: 'table3', row: 'feeUnpaid', col }, 0);
    }
    r = recomputeTotals(template, r);
    r.text.otherMatters.processingFee = '无。';
    const plain = runChecks(template, r).find((x) => x.rule === 'FEE-SECTION')!;
    expect(plain.cells).toEqual([]);
    let withFees = setCell(r, { table: 'table3', row: 'feeUnpaid', col: 'natural' }, 1);
    withFees = setCell(withFees, { table: 'table3', row: 'newReceived', col: 'natural' }, t3(withFees, 'newReceived', 'natural') + 1);
    withFees = recomputeTotals(template, withFees);
    withFees.text.overview.onRequest = '';
    const implied = runChecks(template, withFees).find((x) => x.rule === 'FEE-SECTION')!;
    expect(implied.message).toContain('收费通知');
    expect(implied.cells).toEqual([{ table: 'table3', row: 'feeUnpaid', col: 'total' }]);
  });

  it('numbers quoted in the text must agree with the tables', () => {
    const r = base();
    const total = t3(r, 'newReceived', 'total');
    r.text.overview.onRequest = `本年度共收到政府信息公开申请${total + 3}件。`;
    r.text.overview.oversight = `本年度发生政府信息公开行政复议${t4(r, 'review', 'total')}件。`;
    const f = runChecks(template, r).filter((x) => x.rule === 'TEXT-NUM');
    expect(f).toHaveLength(1);
    expect(f[0].lhs!.value).toBe(total + 3);
    expect(f[0].rhs!.value).toBe(total);
    expect(f[0].part).toEqual({ section: 'overview', part: 'onRequest' });
  });

  it('last year: 上年结转 equals last year’s 结转下年度继续办理, and 现行有效件数 follows on', () => {
    const last = consistentReport(21, 50, '文峰区测试街道办事处', 2023);
    let r = base();
    for (const col of T3_COLUMNS) {
      r = setCell(r, { table: 'table3', row: 'carriedOver', col }, t3(last, 'carriedForward', col));
    }
    // Keep R1 true after moving 上年结转: adjust 结转下年度 (may not go negative, so add to both).
    for (const col of APPLICANTS) {
      const diff = t3(r, 'newReceived', col) + t3(r, 'carriedOver', col) - t3(r, 'resultsTotal', col);
      if (diff >= 0) r = setCell(r, { table: 'table3', row: 'carriedForward', col }, diff);
      else {
        r = setCell(r, { table: 'table3', row: 'newReceived', col }, t3(r, 'newReceived', col) - diff);
        r = setCell(r, { table: 'table3', row: 'carriedForward', col }, 0);
      }
    }
    r = recomputeTotals(template, r);
    r.text.overview.onRequest = '';
    const stock = (rep: Report, row: string, col: string) => getCell(rep, { table: 'table2', row, col }) as number;
    for (const row of ['rules', 'normativeDocuments']) {
      const expected = stock(last, row, 'inForce') + stock(r, row, 'issued') - stock(r, row, 'abolished');
      r = setCell(r, { table: 'table2', row, col: 'inForce' }, Math.max(0, expected));
      r = setCell(r, { table: 'table2', row, col: 'issued' }, stock(r, row, 'issued') + Math.max(0, -expected));
    }
    const clean = runChecks(template, r, { lastYear: last }).filter((f) => f.rule.startsWith('X-YEAR'));
    expect(clean).toEqual([]);
    const off = setCell(r, { table: 'table3', row: 'carriedOver', col: 'business' }, t3(last, 'carriedForward', 'business') + 1);
    const offStock = setCell(off, { table: 'table2', row: 'rules', col: 'inForce' }, stock(r, 'rules', 'inForce') + 4);
    const f = runChecks(template, offStock, { lastYear: last }).filter((x) => x.rule.startsWith('X-YEAR'));
    expect(f.map((x) => x.id)).toEqual(['X-YEAR-STOCK:rules', 'X-YEAR-CARRY:business']);
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
  });
});

describe('starting from last year', () => {
  it('flags paragraphs copied word for word from last year, part by part, and not short generic ones', () => {
    const last = consistentReport(40, 50, '文峰区测试街道办事处', 2023);
    last.text.overview.proactive = '全年累计发布政府信息二十六篇，内容涵盖街道经济发展、民生福祉、社会治理等多个方面。\n第二段内容。';
    last.text.otherMatters.processingFee = '本年度未收取信息处理费。';
    const r = consistentReport(41);
    r.text.overview.proactive = '今年新写的第一段，内容完全不同于上一年度的报告文字。\n全年累计发布政府信息二十六篇， 内容涵盖街道经济发展、民生福祉、社会治理等多个方面。';
    r.text.otherMatters.processingFee = '本年度未收取信息处理费。';
    const copied = runChecks(template, r, { lastYear: last }).filter((f) => f.rule === 'COPIED');
    expect(copied.map((f) => f.part)).toEqual([{ section: 'overview', part: 'proactive' }]);
    expect(copied[0].message).toContain('第 2 段');
    expect(runChecks(template, r).some((f) => f.rule === 'COPIED')).toBe(false);
  });

  it('a paragraph copied without its list marker (「- 1.沟通不畅…」 as 「沟通不畅…」) is still a copy', () => {
    const last = consistentReport(43, 50, '文峰区测试街道办事处', 2023);
    last.text.problems.currentProblems = '- 1.沟通不畅：信息传递不清晰，导致误解或执行偏差。';
    const r = consistentReport(44);
    r.text.problems.lastYearFollowUp = '沟通不畅：信息传递不清晰，导致误解或执行偏差。';
    expect(runChecks(template, r, { lastYear: last }).filter((f) => f.rule === 'COPIED').map((f) => f.part)).toEqual([{ section: 'problems', part: 'lastYearFollowUp' }]);
  });

  it('carries 上年结转 and 现行有效件数 over into a blank report, and leaves the problems follow-up empty', () => {
    const last = consistentReport(42, 80, '文峰区测试街道办事处', 2023);
    last.text.problems.currentProblems = '信息发布不够及时。';
    last.text.problems.measures = '建立信息报送机制。';
    const next = carryOver(template, blankReport(template, { agencyName: '文峰区测试街道办事处', year: 2024 }), last);
    for (const col of T3_COLUMNS) expect(t3(next, 'carriedOver', col)).toBe(t3(last, 'carriedForward', col));
    expect(getCell(next, { table: 'table2', row: 'rules', col: 'inForce' })).toBe(getCell(last, { table: 'table2', row: 'rules', col: 'inForce' }));
    // The follow-up starts empty (last year's problems are shown beside it), so nothing is copied.
    expect(next.text.problems.lastYearFollowUp).toBe('');
    expect(runChecks(template, next, { lastYear: last }).some((f) => f.rule === 'COPIED')).toBe(false);
    expect(next.tables.table3.newReceived.natural).toBeNull();
    // The carried values agree with last year by construction: no X-YEAR-CARRY warning.
    expect(runChecks(template, next, { lastYear: last }).some((f) => f.rule === 'X-YEAR-CARRY')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { computeIndicators, formatFigure, indicatorRefs, indicatorsOf, indicatorTotals, rankAgencies, SMALL_BASE_MAX, type Indicator, type IndicatorKey, type InsightEntry } from './indicators';
import { cellId, getCell, numericValue } from '../report/cells';
import { template2021 as template } from '../../templates/2021';
import { blankReport, setCell } from '../report';
import type { Report } from '../report/types';
import { consistentReport, RESULT_LEAVES } from '../../test/support/generate';

/** The expected figures, computed straight from the stored tables, without the module's definitions. */
function independent(reports: Report[]): Record<IndicatorKey, { num: number; den: number | null }> {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const sum = (f: (r: Report) => number) => reports.reduce((s, r) => s + f(r), 0);
  const t3 = (r: Report, row: string) => n(r.tables.table3[row].total);
  const t4 = (r: Report, row: string, col: string) => n(r.tables.table4[row][col]);
  const withheld = RESULT_LEAVES.slice(2, 10);
  const unable = RESULT_LEAVES.slice(10, 13);
  const notProcessed = RESULT_LEAVES.slice(13, 18);
  const done = sum((r) => t3(r, 'resultsTotal'));
  const lit = ['litigationDirect', 'litigationAfterReview'];
  const settled = (groups: string[]) => sum((r) => groups.reduce((s, g) => s + t4(r, g, 'total') - t4(r, g, 'pending'), 0));
  const correctedSum = (groups: string[]) => sum((r) => groups.reduce((s, g) => s + t4(r, g, 'corrected'), 0));
  return {
    newReceived: { num: sum((r) => t3(r, 'newReceived')), den: null },
    accepted: { num: sum((r) => t3(r, 'newReceived') + t3(r, 'carriedOver')), den: null },
    disclosureRate: { num: sum((r) => t3(r, 'granted') + t3(r, 'partial')), den: done },
    withheldShare: { num: sum((r) => withheld.reduce((s, k) => s + t3(r, k), 0)), den: done },
    unableShare: { num: sum((r) => unable.reduce((s, k) => s + t3(r, k), 0)), den: done },
    notProcessedShare: { num: sum((r) => notProcessed.reduce((s, k) => s + t3(r, k), 0)), den: done },
    reviewCorrectionRate: { num: correctedSum(['review']), den: settled(['review']) },
    litigationCorrectionRate: { num: correctedSum(lit), den: settled(lit) },
    combinedCorrectionRate: { num: correctedSum(['review', ...lit]), den: settled(['review', ...lit]) },
    disputeRate: { num: sum((r) => t4(r, 'review', 'total') + t4(r, 'litigationDirect', 'total') + t4(r, 'litigationAfterReview', 'total')), den: sum((r) => t3(r, 'newReceived')) },
    rulesIssued: { num: sum((r) => n(r.tables.table2.rules.issued)), den: null },
    normativeIssued: { num: sum((r) => n(r.tables.table2.normativeDocuments.issued)), den: null },
    punishmentDecisions: { num: sum((r) => n(r.tables.table2.punishment.decisions)), den: null },
    licensingDecisions: { num: sum((r) => n(r.tables.table2.licensing.decisions)), den: null },
  };
}

const entries = (reports: Report[]): InsightEntry[] => reports.map((report, i) => ({ agencyId: `a${i}`, agencyName: `单位${i}`, report }));
const byKey = (list: Indicator[], key: IndicatorKey) => list.find((i) => i.key === key)!;

function expectMatches(reports: Report[]) {
  const got = computeIndicators(template, entries(reports));
  const want = independent(reports);
  expect(got.map((i) => i.key).sort()).toEqual(Object.keys(want).sort());
  for (const ind of got) {
    const w = want[ind.key];
    expect({ key: ind.key, num: ind.numerator, den: ind.denominator }).toEqual({ key: ind.key, num: w.num, den: w.den });
    const value = w.den === null ? w.num : w.den === 0 ? null : w.num / w.den;
    expect(ind.value).toBe(value);
    // Each unit's own figure, computed the same independent way.
    ind.agencies.forEach((a, i) => {
      const own = independent([reports[i]])[ind.key];
      expect([a.numerator, a.denominator]).toEqual([own.num, own.den]);
    });
  }
  return got;
}

describe('computeIndicators', () => {
  it('matches an independent computation over generated reports', () => {
    for (let seed = 1; seed <= 8; seed++) {
      expectMatches(Array.from({ length: 1 + (seed % 5) }, (_, i) => consistentReport(seed * 100 + i, 5 + seed * 7)));
    }
  });

  it('gives no value (—) when a denominator is 0, and counts every blank cell', () => {
    const blank = blankReport(template, { agencyName: '空白', year: 2024 });
    const got = expectMatches([blank]);
    const rate = byKey(got, 'disclosureRate');
    expect(rate.denominator).toBe(0);
    expect(rate.value).toBeNull();
    expect(rate.smallBase).toBe(false);
    expect(formatFigure(rate.kind, rate.value)).toBe('—');
    // 予以公开, 部分公开, （七）总计: three blank cells, listed as such.
    expect(rate.blanks).toBe(3);
    expect(rate.agencies[0].cells.map((c) => c.value)).toEqual([null, null, null]);
    expect(byKey(got, 'newReceived').value).toBe(0);
  });

  it('counts blank cells as 0 and reports them', () => {
    let r = consistentReport(7, 40);
    r = setCell(r, { table: 'table3', row: 'granted', col: 'total' }, null);
    r = setCell(r, { table: 'table4', row: 'review', col: 'pending' }, null);
    const got = expectMatches([r, consistentReport(8, 40)]);
    const rate = byKey(got, 'disclosureRate');
    expect(rate.blanks).toBe(1);
    expect(rate.agencies[0].blanks).toBe(1);
    expect(rate.agencies[1].blanks).toBe(0);
    const granted = rate.agencies[0].cells.find((c) => c.id === 'table3.granted.total')!;
    expect(granted.value).toBeNull();
    expect(granted.label).toContain('予以公开');
    expect(byKey(got, 'reviewCorrectionRate').blanks).toBe(1);
  });

  it('marks a small base: at most SMALL_BASE_MAX settled cases', () => {
    const withReview = (total: number, pending: number, corrected: number) => {
      let r = blankReport(template, { agencyName: 'x', year: 2024 });
      r = setCell(r, { table: 'table4', row: 'review', col: 'total' }, total);
      r = setCell(r, { table: 'table4', row: 'review', col: 'pending' }, pending);
      return setCell(r, { table: 'table4', row: 'review', col: 'corrected' }, corrected);
    };
    const small = byKey(computeIndicators(template, entries([withReview(SMALL_BASE_MAX + 2, 2, 1)])), 'reviewCorrectionRate');
    expect(small.denominator).toBe(SMALL_BASE_MAX);
    expect(small.smallBase).toBe(true);
    expect(formatFigure('rate', small.value)).toBe(`${((1 / SMALL_BASE_MAX) * 100).toFixed(1)}%`);
    const enough = byKey(computeIndicators(template, entries([withReview(SMALL_BASE_MAX + 3, 2, 1)])), 'reviewCorrectionRate');
    expect(enough.smallBase).toBe(false);
  });

  it('writes formulas with the template labels', () => {
    const rate = byKey(computeIndicators(template, []), 'disclosureRate');
    expect(rate.formula).toBe('（予以公开 + 部分公开） ÷ 办结（（七）总计）');
    expect(rate.value).toBeNull();
    expect(byKey(computeIndicators(template, []), 'reviewCorrectionRate').formula).toBe('行政复议结果纠正 ÷ 已审结（行政复议总计 − 行政复议尚未审结）');
  });
});

describe('rankAgencies', () => {
  it('puts the highest first and units without a value last', () => {
    const none = blankReport(template, { agencyName: 'x', year: 2024 });
    const list = entries([consistentReport(1, 10), none, consistentReport(2, 60), consistentReport(3, 30)]);
    const ranked = rankAgencies(byKey(computeIndicators(template, list), 'newReceived'));
    const values = ranked.map((a) => a.value!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const rate = rankAgencies(byKey(computeIndicators(template, list), 'disclosureRate'));
    expect(rate.at(-1)!.agencyName).toBe('单位1');
    expect(rate.at(-1)!.value).toBeNull();
  });
});

describe('computeIndicators, only some', () => {
  it('computes the named indicators, the same as in the full list', () => {
    const list = entries([consistentReport(5, 20), consistentReport(6, 20)]);
    const some = computeIndicators(template, list, ['disclosureRate', 'newReceived']);
    expect(some.map((i) => i.key)).toEqual(['newReceived', 'disclosureRate']);
    const all = computeIndicators(template, list);
    expect(some).toEqual([byKey(all, 'newReceived'), byKey(all, 'disclosureRate')]);
  });
});

describe('indicators over cells read elsewhere', () => {
  const reports = [consistentReport(7, 30), consistentReport(8, 0), setCell(consistentReport(9, 5), { table: 'table3', row: 'granted', col: 'total' }, null)];

  it('gives the same figures from each unit’s cells as from whole reports', () => {
    const refs = indicatorRefs(template);
    // Only the cells the indicators read: 表三's 总计 column, 表四's measures, four of 表二.
    expect(refs.length).toBeLessThan(40);
    const units = entries(reports).map((e) => ({ ...e, reportId: null, cells: new Map(refs.map((r) => [cellId(r), numericValue(getCell(e.report, r))])) }));
    expect(indicatorsOf(template, units)).toEqual(computeIndicators(template, entries(reports)));
  });

  it('gives the district’s figures from the sums of its cells', () => {
    const refs = indicatorRefs(template);
    const sums = new Map(refs.map((r) => [cellId(r), reports.reduce((s, rep) => s + (numericValue(getCell(rep, r)) ?? 0), 0)]));
    const want = computeIndicators(template, entries(reports));
    expect(indicatorTotals(template, sums)).toEqual(want.map((i) => ({ key: i.key, numerator: i.numerator, denominator: i.denominator, value: i.value })));
  });

  it('refuses a cell that was not read, rather than count it blank', () => {
    const units = [{ agencyId: 'a', agencyName: 'A', reportId: null, cells: new Map([['table3.newReceived.total', 3]]) }];
    expect(indicatorsOf(template, units, ['newReceived'])[0].numerator).toBe(3);
    expect(() => indicatorsOf(template, units, ['disclosureRate'])).toThrow('was not read');
  });
});

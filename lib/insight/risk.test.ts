import { describe, expect, it } from 'vitest';
import { template2021 as template } from '../../templates/2021';
import { blankReport, setCell } from '../report';
import type { Report } from '../report/types';
import { consistentReport } from '../../test/support/generate';
import { computeIndicators, type InsightEntry } from './indicators';
import { correctionFlags, DEFAULT_RISK_THRESHOLDS, lateFlags, parseRiskThresholds, riskRuleTexts, swingFlags, totalsFlags } from './risk';

const entry = (id: string, report: Report): InsightEntry => ({ agencyId: id, agencyName: `单位${id}`, reportId: `r${id}`, report });
const indicator = (entries: InsightEntry[], key: string) => computeIndicators(template, entries).find((i) => i.key === key)!;

function review(total: number, pending: number, corrected: number): Report {
  let r = blankReport(template, { agencyName: 'x', year: 2024 });
  r = setCell(r, { table: 'table4', row: 'review', col: 'total' }, total);
  r = setCell(r, { table: 'table4', row: 'review', col: 'pending' }, pending);
  return setCell(r, { table: 'table4', row: 'review', col: 'corrected' }, corrected);
}

function received(n: number): Report {
  return setCell(blankReport(template, { agencyName: 'x', year: 2024 }), { table: 'table3', row: 'newReceived', col: 'total' }, n);
}

describe('parseRiskThresholds', () => {
  it('keeps the defaults for what is left out and refuses bad values in Chinese', () => {
    expect(parseRiskThresholds(undefined)).toEqual(DEFAULT_RISK_THRESHOLDS);
    expect(parseRiskThresholds('{"reviewCorrectionRate":0.5}')).toEqual({ ...DEFAULT_RISK_THRESHOLDS, reviewCorrectionRate: 0.5 });
    expect(() => parseRiskThresholds('{')).toThrow('不是有效的 JSON');
    expect(() => parseRiskThresholds('{"reviewCorrectionRate":2}')).toThrow('reviewCorrectionRate 不能大于 1');
    expect(() => parseRiskThresholds('{"applicationChangeFactor":1}')).toThrow('applicationChangeFactor 须大于 1');
    expect(() => parseRiskThresholds('{"unknown":1}')).toThrow('NIANBAO_RISK_THRESHOLDS');
  });

  it('states the rules with the installation’s numbers', () => {
    expect(riskRuleTexts({ ...DEFAULT_RISK_THRESHOLDS, reviewCorrectionRate: 0.35 }).correction).toContain('35.0%');
  });
});

describe('risk flags', () => {
  it('flags 复议纠错率 above the threshold over enough settled cases only', () => {
    const t = { ...DEFAULT_RISK_THRESHOLDS, reviewCorrectionRate: 0.25, minSettledCases: 4 };
    const flags = correctionFlags(
      indicator(
        [entry('a', review(10, 2, 3)), entry('b', review(10, 2, 2)), entry('c', review(5, 2, 3)), entry('d', review(0, 0, 0)), entry('e', review(8, 0, 6))],
        'reviewCorrectionRate',
      ),
      t,
    );
    // a: 3/8 = 37.5 % > 25 %; b: 2/8 = 25 % is not above; c: 3/3 but only 3 settled; d: no case;
    // e: 6/8 = 75 %, the worst, listed first.
    expect(flags.map((f) => f.agencyId)).toEqual(['e', 'a']);
    flags.shift();
    expect(flags[0].message).toContain('37.5%');
    expect(flags[0].cells.map((c) => c.id)).toContain('table4.review.corrected');
  });

  it('flags applications that changed more than tenfold, with 0 counted as 1', () => {
    const now = [entry('a', received(110)), entry('b', received(100)), entry('c', received(1)), entry('d', received(11)), entry('e', received(5))];
    const then = [entry('a', received(10)), entry('b', received(10)), entry('c', received(20)), entry('d', received(0))];
    const flags = swingFlags(indicator(now, 'newReceived'), indicator(then, 'newReceived'), DEFAULT_RISK_THRESHOLDS);
    // a: 110 > 10 × 10; b: exactly tenfold; c: 20 > 10 × 1; d: 11 > 10 × max(0, 1); e: no last year.
    // The largest change first (c: 20 times; a and d: 11 times, in the order they came).
    expect(flags.map((f) => f.agencyId)).toEqual(['c', 'a', 'd']);
    expect(flags[0].message).toBe('依申请新收由上年 20 件降至 1 件');
  });

  it('flags printed totals that disagree with the details', () => {
    const good = consistentReport(3, 20);
    // An imported report keeps its printed totals; a report made here computes them.
    const printed = (r: Report): Report => ({ ...r, meta: { ...r.meta, totals: 'asPrinted' } });
    const bad = printed(setCell(consistentReport(4, 20), { table: 'table3', row: 'resultsTotal', col: 'total' }, 99999));
    expect(totalsFlags(template, [entry('c', printed(consistentReport(5, 20)))])).toEqual([]);
    const flags = totalsFlags(template, [entry('a', good), entry('b', bad)]);
    expect(flags.map((f) => f.agencyId)).toEqual(['b']);
    expect(flags[0].cells.some((c) => c.id === 'table3.resultsTotal.total' && c.value === 99999)).toBe(true);
  });

  it('flags approvals after the deadline day', () => {
    const flags = lateFlags(
      [
        { agencyId: 'a', agencyName: 'A', reportId: 'ra', approvedOn: '2025-01-31' },
        { agencyId: 'b', agencyName: 'B', reportId: 'rb', approvedOn: '2025-02-01' },
        { agencyId: 'c', agencyName: 'C', reportId: 'rc', approvedOn: '2025-03-10' },
      ],
      '2025-01-31',
    );
    // The latest first.
    expect(flags.map((f) => f.agencyId)).toEqual(['c', 'b']);
  });
});

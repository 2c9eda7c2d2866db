import { describe, expect, test } from 'vitest';
import { getCell, recomputeTotals, setCell } from '../report';
import type { Report } from '../report/types';
import { tableCells } from '../template/walk';
import { template2021 as template } from '../../templates/2021';
import { consistentReport } from '../../test/support/generate';
import { loadSeedFixtures } from '../../test/fixtures/load';
import { checkSummary, SUMMED_TABLES, sumReports } from './sum-reports';

const SUM_RULES = ['R1', 'R2', 'R3', 'R4'];
const sumRuleFindings = (r: Report) => checkSummary(template, r).filter((f) => SUM_RULES.includes(f.rule));
const allCells = SUMMED_TABLES.flatMap((k) => tableCells(template, k));
const AMOUNT = { table: 'table2', row: 'administrativeFees', col: 'amount' } as const;
const withAmount = (r: Report, v: string | null) => setCell(r, AMOUNT, v);

describe('sumReports', () => {
  const reports = [1, 2, 3, 4, 5].map((seed) => consistentReport(seed, 40, `测试街道${seed}`));

  test('every count cell is the sum of the agencies’ cells', () => {
    const { report, included, blanks, unreadable } = sumReports(template, reports, { agencyName: '文峰区' });
    expect(included).toBe(5);
    expect(blanks).toEqual([]);
    expect(unreadable).toEqual([]);
    expect(report.meta.agencyName).toBe('文峰区');
    expect(report.meta.year).toBe(2024);
    for (const c of allCells) {
      if (c.valueType !== 'count') continue;
      const expected = reports.reduce((s, r) => s + (getCell(r, c) as number), 0);
      expect(getCell(report, c), `${c.table}.${c.row}.${c.col}`).toBe(expected);
    }
  });

  test('the 万元 amount sums exactly and prints without trailing zeros', () => {
    const amounts = ['0.1', '0.2', '1.0000', '12345678901.0007', '0.0003'];
    const rs = reports.map((r, i) => withAmount(r, amounts[i]));
    expect(getCell(sumReports(template, rs).report, AMOUNT)).toBe('12345678902.301');
    // The random amounts too, checked against integer arithmetic done here independently.
    const expected = reports.reduce((s, r) => s + BigInt((getCell(r, AMOUNT) as string).replace('.', '')), 0n);
    const printed = getCell(sumReports(template, reports).report, AMOUNT) as string;
    const [whole, frac = ''] = printed.split('.');
    expect(frac).not.toMatch(/0$/);
    expect(BigInt(whole + frac.padEnd(4, '0'))).toBe(expected);
  });

  test('R1–R4 hold on a sum of reports that each satisfy them', () => {
    for (const r of reports) expect(sumRuleFindings(r)).toEqual([]);
    const { report } = sumReports(template, reports);
    expect(report.meta.totals).toBe('asPrinted');
    expect(checkSummary(template, report)).toEqual([]);
  });

  test('the same holds for the published seed reports', () => {
    const seeds = loadSeedFixtures().map((f) => f.report);
    expect(seeds.length).toBeGreaterThan(1);
    for (const r of seeds) expect(sumRuleFindings(r)).toEqual([]);
    const { report, included } = sumReports(template, seeds);
    expect(included).toBe(seeds.length);
    expect(sumRuleFindings(report)).toEqual([]);
  });

  test('a sum including an unbalanced report shows the imbalance, column by column', () => {
    // 3 more applications received by 自然人 than the results and carry-forward account for.
    const col = { table: 'table3', row: 'newReceived', col: 'natural' } as const;
    const broken = recomputeTotals(template, setCell(reports[2], col, (getCell(reports[2], col) as number) + 3));
    // Alone, with computed totals, the 总计 column is not reported twice (lib/checks/context.ts).
    expect(sumRuleFindings(broken).map((f) => f.id)).toEqual(['R1:table3:natural']);

    const { report } = sumReports(template, [reports[0], reports[1], broken]);
    // The sum keeps its totals as summed (asPrinted), so the 总计 column is judged too.
    const found = sumRuleFindings(report);
    expect(found.map((f) => f.id)).toEqual(['R1:table3:natural', 'R1:table3:total']);
    expect(found.every((f) => f.difference === 3)).toBe(true);
  });

  test('a wrong printed total in one report shows up as a wrong total of the sum', () => {
    const total = { table: 'table4', row: 'review', col: 'total' } as const;
    const wrong = setCell(reports[0], total, (getCell(reports[0], total) as number) + 1);
    const found = sumRuleFindings(sumReports(template, [wrong, reports[1]]).report);
    expect(found.map((f) => f.id)).toEqual(['R4:table4:review']);
    expect(found[0].difference).toBe(1);
  });

  test('a cell blank in some reports sums the filled ones and is listed', () => {
    const cell = { table: 'table3', row: 'partial', col: 'research' } as const;
    const other = { table: 'table4', row: 'litigationDirect', col: 'upheld' } as const;
    const rs = [setCell(reports[0], cell, null), setCell(reports[1], other, null), setCell(reports[2], cell, null)];
    const result = sumReports(template, rs);
    expect(getCell(result.report, cell)).toBe(getCell(reports[1], cell));
    expect(getCell(result.report, other)).toBe((getCell(reports[0], other) as number) + (getCell(reports[2], other) as number));
    expect(result.blanks).toEqual([
      { ...cell, missingIn: 2 },
      { ...other, missingIn: 1 },
    ]);
    expect(result.message).toBe('汇总了 3 份报告；表三、表四有 2 个单元格在部分报告中空白，合计只加了已填的数。');
  });

  test('a cell blank everywhere stays blank, so R6 says so', () => {
    const rs = [withAmount(reports[0], null), withAmount(reports[1], null)];
    const result = sumReports(template, rs);
    expect(getCell(result.report, AMOUNT)).toBeNull();
    expect(result.blanks).toEqual([{ ...AMOUNT, missingIn: 2 }]);
    expect(checkSummary(template, result.report).map((f) => f.rule)).toEqual(['R6']);
  });

  test('unreadable values are left out and listed, never guessed', () => {
    const count = { table: 'table2', row: 'rules', col: 'issued' } as const;
    const rs = [setCell(withAmount(reports[0], '1.23456'), count, 2.5), withAmount(reports[1], '2')];
    const result = sumReports(template, rs);
    expect(getCell(result.report, AMOUNT)).toBe('2');
    expect(getCell(result.report, count)).toBe(getCell(reports[1], count));
    expect(result.unreadable).toEqual([
      { ...count, count: 1 },
      { ...AMOUNT, count: 1 },
    ]);
    expect(result.message).toContain('2 个单元格在部分报告中不是有效数字');
  });

  test('reports of another year or edition are excluded and counted', () => {
    const other = consistentReport(9, 40, '上年街道', 2023);
    const foreign: Report = { ...reports[1], edition: '2019' };
    const result = sumReports(template, [reports[0], other, foreign]);
    expect(result.included).toBe(1);
    expect(result.excluded).toEqual([
      { index: 1, agencyName: '上年街道', reason: 'year' },
      { index: 2, agencyName: '测试街道2', reason: 'edition' },
    ]);
    expect(getCell(result.report, { table: 'table3', row: 'newReceived', col: 'total' })).toBe(
      getCell(reports[0], { table: 'table3', row: 'newReceived', col: 'total' }),
    );
  });

  test('no reports: an empty sum of the given year, or a clear error without one', () => {
    const result = sumReports(template, [], { year: 2024 });
    expect(result.included).toBe(0);
    expect(allCells.every((c) => getCell(result.report, c) === null)).toBe(true);
    expect(() => sumReports(template, [])).toThrow(RangeError);
  });

  test('the inputs are not modified', () => {
    const before = JSON.stringify(reports);
    sumReports(template, reports);
    expect(JSON.stringify(reports)).toBe(before);
  });
});

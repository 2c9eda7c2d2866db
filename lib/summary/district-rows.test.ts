import { describe, expect, test } from 'vitest';
import { setCell } from '../report';
import { template2021 as template } from '../../templates/2021';
import { consistentReport } from '../../test/support/generate';
import type { DistrictSummary } from './district';
import { summaryAgencyRows, summaryPrintedSheets, summaryTableRows, summaryTitle } from './district-rows';
import { sumReports } from './sum-reports';

function summary(): DistrictSummary {
  const a = setCell(consistentReport(1), { table: 'table2', row: 'administrativeFees', col: 'amount' }, '1.25');
  const b = setCell(consistentReport(2), { table: 'table2', row: 'administrativeFees', col: 'amount' }, '0.5');
  const sum = sumReports(template, [a, b], { agencyName: '文峰区', year: 2024 });
  return {
    year: 2024,
    include: 'approved',
    agencyId: 'root',
    districtName: '文峰区',
    path: [{ agencyId: 'root', agencyName: '文峰区' }],
    counts: { none: 1, draft: 0, submitted: 1, returned: 0, approved: 2 },
    agencies: [
      { agencyId: 'a', agencyName: '甲街道办事处', status: 'approved', isIncluded: true, note: null },
      { agencyId: 'b', agencyName: '乙街道办事处', status: 'approved', isIncluded: false, note: '格式版本不同，未计入' },
      { agencyId: 'c', agencyName: '丙街道办事处', status: 'submitted', isIncluded: false, note: null },
      { agencyId: 'd', agencyName: '丁街道办事处', status: 'none', isIncluded: false, note: null },
    ],
    children: [],
    included: 2,
    report: sum.report,
    findings: [],
    blanks: sum.blanks,
    unreadable: sum.unreadable,
    message: sum.message,
  };
}

describe('a district summary as rows and sheets', () => {
  const s = summary();

  test('the title names the district and the year', () => {
    expect(summaryTitle(s)).toBe('文峰区2024年度政府信息公开情况汇总');
  });

  test('one line per value cell (表, 行, 列, 合计), sums as numbers — an amount summed exactly', () => {
    const rows = summaryTableRows(s);
    expect(rows[0]).toEqual(['表', '行', '列', '合计']);
    const newReceived = rows.find((r) => r[0] === '三' && String(r[1]).includes('本年新收') && r[2] === '总计');
    expect(newReceived?.[3]).toBe((s.report.tables.table3.newReceived.total as number));
    expect(typeof newReceived?.[3]).toBe('number');
    const fee = rows.find((r) => r[0] === '二' && String(r[1]).includes('行政事业性收费') && String(r[2]).includes('万元'));
    expect(fee?.[3]).toBe(1.75);
    expect(rows.length - 1).toBe(rows.slice(1).filter((r) => r.length === 4).length);
  });

  test('the agencies with their status in Chinese and whether they are counted, or why not', () => {
    expect(summaryAgencyRows(s)).toEqual([
      ['机关', '状态', '计入汇总'],
      ['甲街道办事处', '已通过', '是'],
      ['乙街道办事处', '已通过', '格式版本不同，未计入'],
      ['丙街道办事处', '已提交', '否'],
      ['丁街道办事处', '未开始', '否'],
    ]);
  });

  test('表二, 表三, 表四 as printed: one sheet each, headed by the section, numbers as numbers', () => {
    const sheets = summaryPrintedSheets(s);
    expect(sheets.map((x) => x.name)).toEqual(['表二', '表三', '表四']);
    expect(String(sheets[1].rows[0][0])).toContain('收到和处理政府信息公开申请情况');
    expect(sheets[1].rows.flat()).toContain(s.report.tables.table3.newReceived.total);
  });
});

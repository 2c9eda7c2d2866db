import { describe, expect, test } from 'vitest';
import { sampleInsight, unitName } from '../../test/support/sample-insight';
import { insightAgencyRows, insightFlagRows, insightIndicatorRows, insightScopeText, insightTitle } from './district-rows';

const insight = sampleInsight(6);
const byName = (rows: (string | number | null)[][], name: string) => rows.find((r) => r[1] === name)!;

describe('the district insight in words and rows', () => {
  test('title, and what the figures read: the scope, the units, levels, other editions, how blanks and small bases show', () => {
    expect(insightTitle(insight)).toBe('文峰区2024年度政府信息公开分析');
    expect(insightScopeText(insight)).toBe(
      '范围：已通过的报告，计入 6 个单位的报告；有下级机关的单位由下级机关的报告计入，本机关报告不重复计入。空白单元格按 0 计；分母为 0 的比率显示「—」；分母不超过 3 件的比率标「基数小」。',
    );
    expect(insightScopeText({ ...insight, include: 'submitted', otherEdition: 2, completion: insight.completion.slice(0, 1) })).toBe(
      '范围：已提交和已通过的报告，计入 6 个单位的报告（另有 2 份格式版本不同，未计入）。空白单元格按 0 计；分母为 0 的比率显示「—」；分母不超过 3 件的比率标「基数小」。',
    );
  });

  test('one row per indicator: formula, numerator, denominator, the value in its unit (a rate in %), and why a value is missing or weak', () => {
    const rows = insightIndicatorRows(insight);
    expect(rows[0]).toEqual(['分组', '指标', '计算方法', '分子', '分母', '数值', '单位', '说明']);
    expect(rows).toHaveLength(insight.indicators.length + 1);
    const received = insight.indicators.find((i) => i.key === 'newReceived')!;
    expect(byName(rows, received.name).slice(3, 7)).toEqual([received.numerator, received.denominator, received.numerator, '件']);
    const rate = insight.indicators.find((i) => i.key === 'reviewCorrectionRate')!;
    // 复议纠错率 rests on the district's two settled cases, one corrected: 50 %, a small base.
    expect(byName(rows, rate.name).slice(3, 8)).toEqual([1, 2, 50, '%', '基数小（分母不超过 3 件）']);
    const none = insight.indicators.find((i) => i.kind === 'rate' && i.value === null)!;
    expect(byName(rows, none.name)[5]).toBeNull();
    expect(byName(rows, none.name)[7]).toContain('分母为 0，无数值');
  });

  test('every unit’s value of every indicator, and the flags with their rule in words', () => {
    const units = insightAgencyRows(insight);
    expect(units[0]).toEqual(['单位', ...insight.indicators.map((i) => `${i.name}（${i.kind === 'rate' ? '%' : '件'}）`)]);
    expect(units.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 6 }, (_, i) => unitName(i)));
    const received = insight.indicators.findIndex((i) => i.key === 'newReceived');
    expect(units[3][received + 1]).toBe(insight.indicators[received].agencies[2].value);
    const flags = insightFlagRows(insight);
    expect(flags[0]).toEqual(['规则', '单位', '情况']);
    expect(flags.slice(1)).toEqual(insight.flags.map((f) => [insight.ruleTexts[f.rule], f.agencyName, f.message]));
    expect(new Set(flags.slice(1).map((f) => f[0])).size).toBeGreaterThan(2);
  });
});

/**
 * The district insight in words and rows: its title, what its figures read (the line under the
 * title on the page and in the PDF), and the XLSX's three sheets. Plain functions of the insight
 * (./district.ts); lib/server/insight.ts writes the file, ./print-layout.ts builds the PDF's data.
 */
import { INCLUDE_NAMES } from '../summary/district';
import { chartValue } from './charts';
import type { DistrictInsight } from './district';
import { SMALL_BASE_MAX, type Indicator } from './indicators';

/**
 * What the figures read, as the page and the PDF say it under the title: the scope, the units
 * counted (and, where there are levels, that an agency above others counts through them), and
 * how blanks, zero denominators and small bases are shown.
 */
export function insightScopeText(insight: Pick<DistrictInsight, 'include' | 'units' | 'otherEdition' | 'completion'>): string {
  return (
    `范围：${INCLUDE_NAMES[insight.include]}，计入 ${insight.units} 个单位的报告` +
    (insight.otherEdition > 0 ? `（另有 ${insight.otherEdition} 份格式版本不同，未计入）` : '') +
    (insight.completion.length > 1 ? '；有下级机关的单位由下级机关的报告计入，本机关报告不重复计入' : '') +
    `。空白单元格按 0 计；分母为 0 的比率显示「—」；分母不超过 ${SMALL_BASE_MAX} 件的比率标「基数小」。`
  );
}

/** 文峰区2025年度政府信息公开分析 */
export function insightTitle(insight: Pick<DistrictInsight, 'districtName' | 'year'>): string {
  return `${insight.districtName}${insight.year}年度政府信息公开分析`;
}

const unitOf = (i: Indicator) => (i.kind === 'rate' ? '%' : '件');

/** The indicator table, one row per indicator: what the XLSX's first sheet holds. */
export function insightIndicatorRows(insight: DistrictInsight): (string | number | null)[][] {
  return [
    ['分组', '指标', '计算方法', '分子', '分母', '数值', '单位', '说明'],
    ...insight.indicators.map((i) => [
      i.group,
      i.name,
      i.formula,
      i.numerator,
      i.denominator,
      chartValue(i.kind, i.value),
      unitOf(i),
      [i.value === null ? '分母为 0，无数值' : '', i.smallBase ? `基数小（分母不超过 ${SMALL_BASE_MAX} 件）` : '', i.blanks ? `${i.blanks} 个空白单元格按 0 计` : ''].filter(Boolean).join('；'),
    ]),
  ];
}

/** Every unit's value of every indicator. */
export function insightAgencyRows(insight: DistrictInsight): (string | number | null)[][] {
  const names = insight.indicators.map((i) => `${i.name}（${unitOf(i)}）`);
  const first = insight.indicators[0]?.agencies ?? [];
  return [['单位', ...names], ...first.map((a, n) => [a.agencyName, ...insight.indicators.map((i) => chartValue(i.kind, i.agencies[n].value))])];
}

export function insightFlagRows(insight: DistrictInsight): (string | number | null)[][] {
  return [['规则', '单位', '情况'], ...insight.flags.map((f) => [insight.ruleTexts[f.rule], f.agencyName, f.message])];
}

import { describe, expect, it } from 'vitest';
import type { AgencyFigure } from './indicators';
import type { PrintBlock, PrintChart, PrintTable } from './print';
import { sampleInsight } from '../../test/support/sample-insight';
import { insightPrint, RANKING_TABLE_MAX } from './print-layout';
import { niceAxisMax, rankingChart, renderChartSvg, RANKING_CHART_MAX, RANKING_CHART_ROWS } from './charts';
import { FLAGS_SHOWN, type RiskFlag } from './risk';
import type { DistrictInsight } from './district';

const figure = (i: number, value: number | null): AgencyFigure => ({
  agencyId: `a${i}`,
  agencyName: `第${i + 1}单位`,
  reportId: null,
  numerator: value ?? 0,
  denominator: null,
  value,
  smallBase: false,
  cells: [],
  blanks: 0,
});

/** The insight with `n` units ranked by 依申请新收 (values n, n − 1, … 1; the last two without a value). */
function withRanking(n: number): DistrictInsight {
  const base = sampleInsight(3, 'newReceived');
  return { ...base, ranking: Array.from({ length: n }, (_, i) => figure(i, i >= n - 2 ? null : (n - i) * 37)) };
}

const charts = (blocks: PrintBlock[]): PrintChart[] => blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
const tables = (blocks: PrintBlock[]): PrintTable[] => blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const rankingCharts = (blocks: PrintBlock[]) => charts(blocks).filter((c) => c.spec.id === 'ranking');

describe('insightPrint', () => {
  it('orders the parts as the brief asks: scope, 指标, 图表, 排名, 风险提示', () => {
    const p = insightPrint(sampleInsight(6), new Date('2025-03-05T20:00:00Z'));
    expect(p.title).toBe('文峰区2024年度政府信息公开分析');
    expect(p.titleLines.join('')).toBe(p.title);
    // The date is China's: 20:00 UTC is the next morning there.
    expect(p.dateLine).toBe('数据截至2025年3月6日');
    expect(p.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b as { text: string }).text)).toEqual([
      '一、指标',
      '二、图表',
      '三、各单位实质公开率排名',
      '四、风险提示',
    ]);
    expect(charts(p.blocks).map((c) => c.caption)).toEqual([
      '图1　历年依申请新收',
      '图2　历年实质公开率',
      '图3　各单位实质公开率分布',
      '图4　各单位实质公开率排名',
      '图5　各层级报告完成情况',
    ]);
  });

  it('keeps a short ranking in one chart, splits a longer one over pages on one scale, and draws both ends of a long one', () => {
    expect(rankingCharts(insightPrint(withRanking(RANKING_CHART_ROWS)).blocks)).toHaveLength(1);

    const split = rankingCharts(insightPrint(withRanking(45)).blocks);
    expect(split.map((c) => [c.caption, c.spec.categories.length])).toEqual([
      ['图4　各单位依申请新收排名（第 1–23 位）', 23],
      ['图5　各单位依申请新收排名（第 24–45 位）', 22],
    ]);
    expect(split[0].valueMax).toBe(split[1].valueMax);
    expect(split[0].valueMax).toBe(niceAxisMax(45 * 37));

    const long = insightPrint(withRanking(RANKING_CHART_MAX + 40));
    const ends = rankingCharts(long.blocks);
    expect(ends.map((c) => [c.spec.categories[0], c.spec.categories.at(-1)])).toEqual([
      ['第1单位', `第${RANKING_CHART_ROWS}单位`],
      [`第${RANKING_CHART_MAX + 40 - RANKING_CHART_ROWS + 1}单位`, `第${RANKING_CHART_MAX + 40}单位`],
    ]);
    expect(long.blocks.some((b) => b.kind === 'paragraph' && b.text.includes(`排名图只画出前 ${RANKING_CHART_ROWS} 名和后 ${RANKING_CHART_ROWS} 名`))).toBe(true);
    // …while the table lists every unit.
    const table = tables(long.blocks).find((t) => t.caption === '各单位依申请新收排名')!;
    expect(table.rows).toHaveLength(RANKING_CHART_MAX + 40);
  });

  it('prints a province as pages, not hundreds: both ends of a long ranking table, the first flags of each rule', () => {
    const units = 3422;
    const late: RiskFlag[] = Array.from({ length: 2496 }, (_, i) => ({ rule: 'late', agencyId: `a${i}`, agencyName: `第${i + 1}单位`, reportId: null, message: '通过晚于截止日期', cells: [] }));
    const p = insightPrint({ ...withRanking(units), flags: late });
    const ranking = tables(p.blocks).find((t) => t.caption === '各单位依申请新收排名')!;
    expect(ranking.rows).toHaveLength(100);
    const names = ranking.rows.map((r) => (r.kind === 'row' ? r.cells[1].text : ''));
    expect([names[0], names[49], names[50], names[99]]).toEqual(['第1单位', '第50单位', `第${units - 49}单位`, `第${units}单位`]);
    expect(p.blocks.some((b) => b.kind === 'paragraph' && b.text.includes(`单位较多（${units} 个），下表列出前 50 名和后 50 名`))).toBe(true);
    const flagged = tables(p.blocks).filter((t) => t.columns[0].label === '单位' && t.columns.length === 2);
    expect(flagged.map((t) => t.rows.length)).toEqual([FLAGS_SHOWN]);
    expect(p.blocks.some((b) => b.kind === 'paragraph' && b.text.startsWith(`共 2496 个单位，下表列出前 ${FLAGS_SHOWN} 个`))).toBe(true);
    expect(units).toBeGreaterThan(RANKING_TABLE_MAX);
  });

  it('prints the level below of a province (its cities, added up) with its chart, and no such part for a district of units', () => {
    const base = sampleInsight(3, 'disclosureRate');
    const fig = (numerator: number, denominator: number) => ({ numerator, denominator, value: numerator / denominator, smallBase: denominator <= 3 });
    const figures = (n: number, d: number) =>
      Object.fromEntries(base.indicators.map((i) => [i.key, { key: i.key, kind: i.kind, ...(i.kind === 'rate' ? fig(n, d) : { numerator: n, denominator: null, value: n, smallBase: false }) }])) as never;
    const province: DistrictInsight = {
      ...base,
      branches: [
        { agencyId: 'c1', agencyName: '安阳市', isLeaf: false, reportId: null, units: 287, figures: figures(30, 120) },
        { agencyId: 'c2', agencyName: '鹤壁市', isLeaf: false, reportId: null, units: 280, figures: figures(2, 3) },
      ],
    };
    const p = insightPrint(province);
    expect(p.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b as { text: string }).text)[1]).toBe('二、下级机关（2 个）');
    const table = tables(p.blocks).find((t) => t.caption.startsWith('下级机关'))!;
    expect(table.columns.map((c) => c.label)).toEqual(['下级机关', '计入单位', '依申请新收', '实质公开率', '复议诉讼综合纠错率']);
    expect(table.rows.map((r) => (r.kind === 'row' ? r.cells.map((c) => c.text) : []))).toEqual([
      ['安阳市', '287', '30', '25.0%', '25.0%'],
      ['鹤壁市', '280', '2', '66.7%', '66.7%'],
    ]);
    expect(table.rows[1].kind === 'row' && table.rows[1].cells[3].note).toBe('基数小');
    expect(charts(p.blocks).find((c) => c.spec.id === 'branches')!.spec.categories).toEqual(['鹤壁市', '安阳市']);
    // The sample district: units only, nothing drilled — no such part.
    expect(tables(insightPrint(base).blocks).some((t) => t.caption.startsWith('下级机关'))).toBe(false);
  });

  it('ranks equal values on one place and a unit without a value on none', () => {
    const base = withRanking(4);
    const ranking = [figure(0, 9), figure(1, 9), figure(2, 3), figure(3, null)];
    const table = tables(insightPrint({ ...base, ranking }).blocks).find((t) => t.caption.endsWith('排名'))!;
    expect(table.rows.map((r) => (r.kind === 'row' ? [r.cells[0].text, r.cells[2].text] : []))).toEqual([
      ['1', '9'],
      ['1', '9'],
      ['3', '3'],
      ['—', '—'],
    ]);
  });

  it('leaves out charts of nothing when no report is counted', () => {
    const empty: DistrictInsight = { ...sampleInsight(3), units: 0, trend: [], ranking: [], completion: [], flags: [] };
    const p = insightPrint(empty);
    expect(charts(p.blocks)).toEqual([]);
    expect(p.blocks).toContainEqual({ kind: 'paragraph', text: '没有计入的报告，无图表。' });
    expect(p.blocks).toContainEqual({ kind: 'paragraph', text: '没有计入的报告。' });
  });
});

describe('niceAxisMax', () => {
  /** The largest value-axis label ECharts draws for a ranking whose top value is `max`. */
  const echartsAxisEnd = (max: number) => {
    const svg = renderChartSvg(rankingChart('依申请新收', 'count', [figure(0, max), figure(1, 0)]));
    // Ticks count in 万 and 亿 from ten thousand on (axisNumber).
    const labels = [...svg.matchAll(/>([\d.,]+)(万|亿)?<\/text>/g)].map((m) => Math.round(Number(m[1].replace(/,/g, '')) * (m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : 1)));
    return Math.max(...labels);
  };

  it('ends the axis where ECharts ends it for the whole ranking', () => {
    for (const max of [1, 3, 7, 12, 48, 99, 101, 264, 1000, 1543, 10217, 38_999, 123_456]) expect(niceAxisMax(max), String(max)).toBe(echartsAxisEnd(max));
  });
});

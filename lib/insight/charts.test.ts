import { describe, expect, it } from 'vitest';
import { axisNumber, branchChart, completionChart, completionCharts, labelWidth, distributionBins, distributionChart, percent, rankingChart, rateTrendChart, receivedTrendChart, renderChartSvg } from './charts';
import type { AgencyFigure } from './indicators';

const figure = (agencyName: string, value: number | null): AgencyFigure => ({
  agencyId: agencyName,
  agencyName,
  reportId: null,
  numerator: 0,
  denominator: null,
  value,
  smallBase: false,
  cells: [],
  blanks: 0,
});

describe('chart specs', () => {
  it('carries rates as percentages with one decimal and no value as null', () => {
    expect(percent(5 / 6)).toBe(83.3);
    expect(percent(null)).toBeNull();
    const points = [
      { year: 2023, newReceived: 4, disclosureRate: null },
      { year: 2024, newReceived: 9, disclosureRate: 2 / 3 },
    ];
    expect(receivedTrendChart(points).series[0].values).toEqual([4, 9]);
    expect(rateTrendChart(points)).toMatchObject({ categories: ['2023年', '2024年'], series: [{ values: [null, 66.7], unit: 'percent' }] });
    expect(rankingChart('实质公开率', 'rate', [figure('甲', 0.5), figure('乙', null)]).series[0].values).toEqual([50, null]);
  });

  it('puts every unit in one bin of the distribution', () => {
    const rates = distributionBins('rate', [0, 0.05, 0.1, 0.999, 1, null]);
    expect(rates.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2, 1]);
    expect(rates.at(-1)!.label).toBe('无数值（—）');
    const counts = distributionBins('count', [0, 1, 9, 10, 49, 50, 120, 5000]);
    expect(counts.map((b) => [b.label, b.count])).toEqual([
      ['0', 1],
      ['1–9', 2],
      ['10–49', 2],
      ['50–99', 1],
      ['100–499', 1],
      ['500–999', 0],
      ['1000 及以上', 1],
    ]);
  });

  it('stacks the statuses per level and keeps 逾期 beside them', () => {
    const spec = completionChart([{ level: 1, counts: { none: 1, draft: 2, returned: 0, submitted: 3, approved: 4, late: 2 } }]);
    expect(spec.categories).toEqual(['直属单位']);
    expect(spec.series.map((s) => [s.name, s.values[0], s.stack ?? null])).toEqual([
      ['未开始', 1, '状态'],
      ['草稿', 2, '状态'],
      ['已退回', 0, '状态'],
      ['已提交', 3, '状态'],
      ['已通过', 4, '状态'],
      ['逾期', 2, null],
    ]);
  });
});

describe('renderChartSvg', () => {
  it('draws an SVG image with an escaped label and the data as text', () => {
    const svg = renderChartSvg(rankingChart('依申请新收', 'count', [figure('<b>甲"街道</b>', 12), figure('乙街道', 3)]));
    expect(svg.startsWith('<svg role="img" aria-label="各单位依申请新收排名（图表，数据见下方表格）"')).toBe(true);
    expect(svg).toContain('viewBox=');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;');
    expect(svg).toMatch(/>12</);
  });

  it('turns category labels that would overlap (the ten rate bins), and leaves the years level', () => {
    const bins = renderChartSvg(distributionChart('实质公开率', 'rate', [figure('甲', 0.1), figure('乙', 0.5)]));
    const label = (svg: string, text: string) => svg.split('\n').find((l) => l.includes(`>${text}</text>`)) ?? '';
    expect(label(bins, '10%–&lt;20%')).toContain('transform="matrix(0.866,-0.5,0.5,0.866,');
    const years = renderChartSvg(receivedTrendChart([{ year: 2023, newReceived: 1, disclosureRate: null }, { year: 2024, newReceived: 2, disclosureRate: null }]));
    expect(label(years, '2024年')).toMatch(/transform="translate\(/);
  });

  it('keeps the value axis name (件) inside the picture', () => {
    const svg = renderChartSvg(receivedTrendChart([{ year: 2024, newReceived: 3, disclosureRate: null }]));
    const m = /<text[^>]*y="(-?[\d.]+)"[^>]*transform="translate\([\d.]+ ([\d.]+)\)"[^>]*>件</.exec(svg)!;
    // Centred on translate + y, 12 px high: its top edge must not be above 0.
    expect(Number(m[2]) + Number(m[1]) - 6).toBeGreaterThanOrEqual(0);
  });

  it('draws for another medium at the width, value-axis end and label room asked', () => {
    const ranked = [figure('文峰区人力资源和社会保障局', 12), figure('乙街道', 3)];
    const svg = renderChartSvg(rankingChart('依申请新收', 'count', ranked), { width: 590, valueMax: 40, categoryLabelWidth: 204, fontFamily: 'ChartSans' });
    expect(svg).toContain('viewBox="0 0 590 ');
    expect(svg).toMatch(/>40<\/text>/);
    expect(svg).toContain('>文峰区人力资源和社会保障局</text>');
    expect(svg).toContain('font-family:ChartSans');
  });
});


describe("a chart drawn at a phone's width", () => {
  it('starts the plot below a legend that wraps to a second row', () => {
    const c = (n: number) => ({ none: n, draft: n, returned: n, submitted: n, approved: 10 * n, late: n });
    const spec = completionChart([{ level: 1, counts: c(1) }, { level: 2, counts: c(20) }, { level: 3, counts: c(400) }]);
    // The value axis' name (单位个数) sits just above the plot.
    const nameY = (svg: string) => Number(/transform="translate\([\d.]+ ([\d.]+)\)"[^>]*>单位个数</.exec(svg)![1]);
    expect(nameY(renderChartSvg(spec, { width: 320 }))).toBeGreaterThanOrEqual(nameY(renderChartSvg(spec)) + 30);
  });
});

describe('the value axis', () => {
  it('counts in 万 and 亿 where figures are large, and keeps its ticks inside the picture', () => {
    expect([0, 9999, 15000, 4_800_000, 123_456_789].map(axisNumber)).toEqual(['0', '9999', '1.5万', '480万', '1.23亿']);
    const svg = renderChartSvg(receivedTrendChart([{ year: 2023, newReceived: 1_500_000, disclosureRate: null }, { year: 2024, newReceived: 4_800_000, disclosureRate: null }]));
    expect(svg).not.toMatch(/>[\d,]*,\d{3}<\/text>/);
    expect(svg).toMatch(/>\d+万<\/text>/);
    // Every tick text ends left of the plot and starts inside the picture: right-aligned text's
    // x is where it ends; its start is that less its width.
    const ticks = [...svg.matchAll(/<text[^>]*text-anchor="end"[^>]*transform="translate\(([\d.]+) [\d.]+\)"[^>]*>([^<]+)</g)];
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const m of ticks) expect(Number(m[1]) - labelWidth(m[2]), m[2]).toBeGreaterThanOrEqual(0);
  });

  /** The value axis' name: the text drawn above the vertical axis, left of the plot. */
  const axisName = (svg: string) => /<text[^>]*y="-?[\d.]+"[^>]*transform="translate\(56 \d+\)"[^>]*>([^<]+)</.exec(svg)?.[1];

  it('counts units (单位个数) where a chart counts units, cases (件) where it counts cases', () => {
    expect(axisName(renderChartSvg(distributionChart('依申请新收', 'count', [figure('甲', 12), figure('乙', 3)])))).toBe('单位个数');
    expect(axisName(renderChartSvg(distributionChart('实质公开率', 'rate', [figure('甲', 0.1)])))).toBe('单位个数');
    expect(axisName(renderChartSvg(completionChart([{ level: 1, counts: { none: 1, draft: 2, returned: 0, submitted: 3, approved: 4, late: 2 } }])))).toBe('单位个数');
    expect(axisName(renderChartSvg(receivedTrendChart([{ year: 2024, newReceived: 3, disclosureRate: null }])))).toBe('件');
    expect(axisName(renderChartSvg(rateTrendChart([{ year: 2024, newReceived: 3, disclosureRate: 0.5 }])))).toBe('%');
  });

  it('draws the same figures once, and other figures or another width anew', () => {
    const spec = (n: number) => receivedTrendChart([{ year: 2023, newReceived: 7, disclosureRate: null }, { year: 2024, newReceived: n, disclosureRate: null }]);
    const first = renderChartSvg(spec(41));
    expect(renderChartSvg(spec(41))).toBe(first);
    const other = renderChartSvg(spec(90));
    expect(other).not.toBe(first);
    expect(renderChartSvg(spec(41), { width: 320 })).not.toBe(first);
    expect(renderChartSvg(spec(41))).toBe(first);
  });

  it('refuses a font family that would break the attribute ECharts writes it into', () => {
    expect(() => renderChartSvg(receivedTrendChart([]), { fontFamily: '"Noto Sans SC", sans-serif' })).toThrow(/font family/);
  });
});

describe('levels of very different sizes', () => {
  const c = (n: number) => ({ none: 0, draft: 0, returned: 0, submitted: n, approved: 4 * n, late: 0 });
  it('a province (17 cities, 4 800 street offices) gets one panel per level, each on its own scale', () => {
    const specs = completionCharts([{ level: 1, counts: c(4) }, { level: 2, counts: c(30) }, { level: 3, counts: c(960) }]);
    expect(specs.map((s) => [s.id, s.title, s.categories])).toEqual([
      ['completion-1', '报告完成情况：直属单位', ['直属单位']],
      ['completion-2', '报告完成情况：第 2 级单位', ['第 2 级单位']],
      ['completion-3', '报告完成情况：第 3 级单位', ['第 3 级单位']],
    ]);
    // Each panel's axis ends near its own level's size: level 1's 20 units fill their bar.
    const axisMax = (svg: string) => Math.max(...[...svg.matchAll(/>(\d+)<\/text>/g)].map((m) => Number(m[1])));
    expect(axisMax(renderChartSvg(specs[0]))).toBeLessThan(40);
  });
  it("a panel's value axis names its unit inside the picture (单位个数 at the right end)", () => {
    const svg = renderChartSvg(completionCharts([{ level: 1, counts: c(4) }, { level: 3, counts: c(960) }])[0]);
    const x = Number(/translate\(([\d.]+) [\d.]+\)"[^>]*>单位个数</.exec(svg)![1]);
    expect(x + labelWidth('单位个数')).toBeLessThanOrEqual(760);
  });
  it("a panel drawn at a phone's width keeps its value ticks apart (「1000200030004000」 ran together)", () => {
    const [, , big] = completionCharts([{ level: 1, counts: c(4) }, { level: 2, counts: c(30) }, { level: 3, counts: c(960) }]);
    for (const width of [320, 760]) {
      const svg = renderChartSvg(big, { width, categoryLabelWidth: width < 400 ? 110 : 150 });
      // The value axis' tick labels: numbers on one row, centred on their x.
      const ticks = [...svg.matchAll(/text-anchor="middle"[^>]*transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>([\d.万亿]+)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));
      const row = ticks.filter((t) => t.y === Math.max(...ticks.map((u) => u.y))).sort((a, b) => a.x - b.x);
      expect(row.length, `${width}: ${row.map((t) => t.text)}`).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < row.length; i++) expect(row[i].x - row[i - 1].x, `${width}: ${row[i - 1].text} ${row[i].text}`).toBeGreaterThan((labelWidth(row[i].text) + labelWidth(row[i - 1].text)) / 2 + 4);
    }
  });
  it('a district whose levels are alike keeps one chart', () => {
    expect(completionCharts([{ level: 1, counts: c(10) }, { level: 2, counts: c(30) }]).map((s) => s.id)).toEqual(['completion']);
  });
  it('the level below: branches largest first, no value last', () => {
    const spec = branchChart('实质公开率', 'rate', [
      { agencyName: '安阳市', value: 0.5 },
      { agencyName: '鹤壁市', value: null },
      { agencyName: '开封市', value: 0.875 },
    ]);
    expect([spec.categories, spec.series[0].values]).toEqual([['开封市', '安阳市', '鹤壁市'], [87.5, 50, null]]);
  });
});

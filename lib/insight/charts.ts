/**
 * The insight charts as data (`ChartSpec`) and as SVG drawn on the server by Apache ECharts.
 * The page prints the same spec as a table after each chart, so the table view holds exactly
 * the chart's data.
 */
import * as echarts from 'echarts';
import { escapeHtml } from '../escape-html';
import { KeptMap } from '../kept-map';
import { STATUS_NAMES, type ReportStatus } from '../review/transitions';
import type { AgencyFigure, IndicatorKind } from './indicators';

export type ChartSeries = {
  name: string;
  /** Rates as percentages with one decimal (42.3), counts as they are; null: no value (—). */
  values: (number | null)[];
  /**
   * One unit per chart: every series of a chart shares its value axis. `count`: cases (件);
   * `agencies`: how many units (a distribution, the completion per level).
   */
  unit: 'count' | 'agencies' | 'percent';
  /** Series of one stack are drawn on top of each other. */
  stack?: string;
};

export type ChartSpec = {
  id: string;
  title: string;
  kind: 'line' | 'bar';
  /** Bars run left to right with the categories down the side (rankings of many units). */
  horizontal?: boolean;
  /** Header of the category column in the table view: 年度, 单位, 层级. */
  categoryName: string;
  categories: string[];
  series: ChartSeries[];
};

/** A rate as the charts carry it: a percentage with one decimal. */
export function percent(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 10;
}

export function chartValue(kind: IndicatorKind, value: number | null): number | null {
  return kind === 'rate' ? percent(value) : value;
}

type TrendPoint = { year: number; newReceived: number; disclosureRate: number | null };

/** 依申请新收 per year: one chart, so that its labels never sit on another series'. */
export function receivedTrendChart(points: readonly TrendPoint[]): ChartSpec {
  return {
    id: 'trend-received',
    title: '历年依申请新收',
    kind: 'bar',
    categoryName: '年度',
    categories: points.map((p) => `${p.year}年`),
    series: [{ name: '依申请新收（件）', values: points.map((p) => p.newReceived), unit: 'count' }],
  };
}

export function rateTrendChart(points: readonly TrendPoint[]): ChartSpec {
  return {
    id: 'trend-rate',
    title: '历年实质公开率',
    kind: 'line',
    categoryName: '年度',
    categories: points.map((p) => `${p.year}年`),
    series: [{ name: '实质公开率（%）', values: points.map((p) => percent(p.disclosureRate)), unit: 'percent' }],
  };
}

/** One horizontal bar per row, in the order given: a ranking of units, or the level below. */
function valueBars(id: string, title: string, categoryName: string, name: string, kind: IndicatorKind, rows: readonly { agencyName: string; value: number | null }[]): ChartSpec {
  return {
    id,
    title,
    kind: 'bar',
    horizontal: true,
    categoryName,
    categories: rows.map((a) => a.agencyName),
    series: [{ name: kind === 'rate' ? `${name}（%）` : `${name}（件）`, values: rows.map((a) => chartValue(kind, a.value)), unit: kind === 'rate' ? 'percent' : 'count' }],
  };
}

export function rankingChart(name: string, kind: IndicatorKind, ranked: readonly AgencyFigure[]): ChartSpec {
  return valueBars('ranking', `各单位${name}排名`, '单位', name, kind, ranked);
}

/** Units per ranking chart: one chart fits a page at this many bars. */
export const RANKING_CHART_ROWS = 30;
/** Above this many units the PDF draws the first and the last RANKING_CHART_ROWS; the full list is in a table or the Excel. */
export const RANKING_CHART_MAX = 2 * RANKING_CHART_ROWS;


/**
 * The end ECharts itself gives a count axis from 0 to `max` (its five-step 「nice」 interval of
 * 1, 2, 3, 5 or 10 × 10ⁿ, at least 1): the parts of a long ranking then share the scale the
 * whole would have.
 */
export function niceAxisMax(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  const step = Math.max(1, (f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10) * p);
  return Math.ceil(max / step - 1e-9) * step;
}

/**
 * The ranking as charts of at most RANKING_CHART_ROWS bars on one scale; beyond
 * RANKING_CHART_MAX units the first and the last RANKING_CHART_ROWS only.
 */
export function rankingCharts(name: string, kind: IndicatorKind, ranked: readonly AgencyFigure[]): { parts: { spec: ChartSpec; from: number; to: number }[]; valueMax?: number; partial: boolean } {
  const whole = rankingChart(name, kind, ranked);
  if (ranked.length <= RANKING_CHART_ROWS) return { parts: [{ spec: whole, from: 1, to: ranked.length }], partial: false };
  const slice = (from: number, to: number) => ({
    spec: { ...whole, categories: whole.categories.slice(from, to), series: whole.series.map((s) => ({ ...s, values: s.values.slice(from, to) })) },
    from: from + 1,
    to,
  });
  const values = whole.series[0].values.filter((v): v is number => v !== null);
  const valueMax = kind === 'rate' ? undefined : niceAxisMax(Math.max(0, ...values));
  if (ranked.length > RANKING_CHART_MAX)
    return { parts: [slice(0, RANKING_CHART_ROWS), slice(ranked.length - RANKING_CHART_ROWS, ranked.length)], valueMax, partial: true };
  const parts = Math.ceil(ranked.length / RANKING_CHART_ROWS);
  const size = Math.ceil(ranked.length / parts);
  return { parts: Array.from({ length: parts }, (_, i) => slice(i * size, Math.min(ranked.length, (i + 1) * size))), valueMax, partial: false };
}

/** Bounds of the count bins: 0, 1–9, 10–49, 50–99, 100–499, 500–999, 1000 and more. */
const COUNT_BINS = [0, 1, 10, 50, 100, 500, 1000];

/** The bins a unit's value falls in: tenths of 100 % for rates, COUNT_BINS for counts; 无数值 (—) last. */
export function distributionBins(kind: IndicatorKind, values: readonly (number | null)[]): { label: string; count: number }[] {
  const bins =
    kind === 'rate'
      ? Array.from({ length: 10 }, (_, i) => ({ label: i === 9 ? '90%–100%' : `${i * 10}%–<${i * 10 + 10}%`, count: 0 }))
      : COUNT_BINS.map((lo, i) => ({ label: i === COUNT_BINS.length - 1 ? `${lo} 及以上` : lo + 1 === COUNT_BINS[i + 1] ? `${lo}` : `${lo}–${COUNT_BINS[i + 1] - 1}`, count: 0 }));
  const none = { label: '无数值（—）', count: 0 };
  for (const v of values) {
    if (v === null) none.count++;
    else if (kind === 'rate') bins[Math.min(9, Math.floor(v * 10))].count++;
    else bins[COUNT_BINS.findLastIndex((lo) => v >= lo)].count++;
  }
  return none.count ? [...bins, none] : bins;
}

export function distributionChart(name: string, kind: IndicatorKind, figures: readonly AgencyFigure[]): ChartSpec {
  const bins = distributionBins(kind, figures.map((f) => f.value));
  return {
    id: 'distribution',
    title: `各单位${name}分布`,
    kind: 'bar',
    categoryName: kind === 'rate' ? `${name}区间` : `${name}（件）区间`,
    categories: bins.map((b) => b.label),
    series: [{ name: '单位数', values: bins.map((b) => b.count), unit: 'agencies' }],
  };
}

const COMPLETION_STATUSES: (ReportStatus | 'none')[] = ['none', 'draft', 'returned', 'submitted', 'approved'];

type CompletionLevelCounts = { level: number; counts: Record<ReportStatus | 'none' | 'late', number> };

const levelName = (level: number) => (level === 1 ? '直属单位' : `第 ${level} 级单位`);

export function completionChart(levels: readonly CompletionLevelCounts[]): ChartSpec {
  return {
    id: 'completion',
    title: '各层级报告完成情况',
    kind: 'bar',
    categoryName: '层级',
    categories: levels.map((l) => levelName(l.level)),
    series: [
      ...COMPLETION_STATUSES.map((s) => ({ name: STATUS_NAMES[s], values: levels.map((l) => l.counts[s]), unit: 'agencies' as const, stack: '状态' })),
      { name: '逾期', values: levels.map((l) => l.counts.late), unit: 'agencies' as const },
    ],
  };
}

/**
 * Levels whose sizes differ more than this many times are drawn in panels of their own: on one
 * axis a province's 17 cities would be a sliver beside its 4 800 street offices.
 */
export const COMPLETION_PANEL_RATIO = 10;

/** The completion per level: one chart, or one panel (a horizontal stacked bar, its own scale) per level; none without levels. */
export function completionCharts(levels: readonly CompletionLevelCounts[]): ChartSpec[] {
  if (!levels.length) return [];
  const sizes = levels.map((l) => COMPLETION_STATUSES.reduce((n, s) => n + l.counts[s], 0)).filter((n) => n > 0);
  if (sizes.length < 2 || Math.max(...sizes) <= COMPLETION_PANEL_RATIO * Math.min(...sizes)) return [completionChart(levels)];
  return levels.map((l) => ({ ...completionChart([l]), id: `completion-${l.level}`, title: `报告完成情况：${levelName(l.level)}`, horizontal: true }));
}

/** A branch's value of one indicator, as the chart of the level below reads it. */
export type BranchValue = { agencyName: string; value: number | null };

/** The agencies directly below, by one indicator: the branches' added-up figures, largest first. */
export function branchChart(name: string, kind: IndicatorKind, branches: readonly BranchValue[]): ChartSpec {
  const ranked = [...branches].sort((a, b) => (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || (b.value ?? 0) - (a.value ?? 0));
  return valueBars('branches', `各下级机关${name}`, '下级机关', name, kind, ranked);
}

/**
 * The charts' fonts, as one CSS font-family list without quotes: ECharts' SVG renderer writes it
 * into a double-quoted style attribute unescaped, so a quoted name would end the attribute and
 * the browser would drop the font (and read the rest as junk attributes). Every name here is a
 * run of CSS identifiers, which needs no quotes.
 */
export const CHART_FONT = 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif';
/** Characters that would end or garble the style attribute ECharts writes a font family into. */
const ATTRIBUTE_BREAKING = /["'&<>;]/;
const COLORS = ['#1d4ed8', '#b45309', '#15803d', '#7e22ce', '#be123c', '#0f766e', '#4b5563'];

/** Width of the drawing; the SVG scales down with its viewBox. */
export const CHART_WIDTH = 760;

export function chartHeight(spec: ChartSpec): number {
  return spec.horizontal ? Math.max(160, 60 + spec.categories.length * 22) : 320;
}

/** How a chart is drawn for another medium than the page (the insight PDF, lib/render/pdf/insight-pdf.tsx). */
export type ChartDrawing = {
  /** Width of the drawing; default CHART_WIDTH. */
  width?: number;
  /** One font family name for every text (the PDF names a font it embeds). */
  fontFamily?: string;
  /** End of the value axis, so that the parts of a ranking split over pages share one scale. */
  valueMax?: number;
  /** Room for a category label (a unit's name in a ranking) before it is cut with …; default 150. */
  categoryLabelWidth?: number;
};

const LABEL_SIZE = 12;

/** A label's width as ECharts estimates it without a canvas: a CJK character (or –) an em, ASCII about 0.6 em. */
export function labelWidth(text: string, size = LABEL_SIZE): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x80 ? 0.6 * size : size;
  return w;
}

/** The value axis' name: what its numbers count. */
export const AXIS_NAMES: Record<ChartSeries['unit'], string> = { count: '件', agencies: '单位个数', percent: '%' };

/**
 * A value axis' tick as Chinese readers count: 9 999, 1.5万, 480万, 1.2亿 — short enough for the
 * axis' room at any province's figures (「1,500,000」 was cut to 「,500,000」).
 */
export function axisNumber(v: number): string {
  const short = (x: number) => String(Number(x.toFixed(2)));
  const abs = Math.abs(v);
  if (abs >= 1e8) return `${short(v / 1e8)}亿`;
  if (abs >= 1e4) return `${short(v / 1e4)}万`;
  return String(v);
}

/** The largest value a value axis must reach: the tallest stack, or the tallest bar. */
function largestValue(spec: ChartSpec, drawing: ChartDrawing): number {
  let max = drawing.valueMax ?? 0;
  const stacks = new Map<string, number[]>();
  for (const s of spec.series) {
    const key = s.stack ?? s.name;
    const sums = stacks.get(key) ?? [];
    s.values.forEach((v, i) => (sums[i] = (sums[i] ?? 0) + (v ?? 0)));
    stacks.set(key, sums);
  }
  for (const sums of stacks.values()) for (const v of sums) max = Math.max(max, v ?? 0);
  return max;
}

/**
 * The rows ECharts' legend takes at `width`: each item its swatch (25), a gap (5), its text and
 * the gap to the next (10). On a phone's width six statuses take two rows; the plot starts below.
 */
function legendRows(spec: ChartSpec, width: number): number {
  let rows = 1;
  let x = 0;
  for (const s of spec.series) {
    const w = 25 + 5 + labelWidth(s.name) + 10;
    if (x > 0 && x + w > width - 10) {
      rows++;
      x = 0;
    }
    x += w;
  }
  return rows;
}

function option(spec: ChartSpec, drawing: ChartDrawing): echarts.EChartsCoreOption {
  const fontFamily = drawing.fontFamily ?? CHART_FONT;
  if (ATTRIBUTE_BREAKING.test(fontFamily)) throw new Error(`chart font family ${JSON.stringify(fontFamily)}: no quotes or markup (ECharts writes it into an attribute unescaped)`);
  const width = drawing.width ?? CHART_WIDTH;
  const labelRoom = drawing.categoryLabelWidth ?? 150;
  // A vertical value axis' ticks sit left of the plot: room for the widest (ECharts may end the
  // axis up to a step above the largest value), 8 px of gap and a little margin.
  const tickRoom = Math.ceil(labelWidth(axisNumber(Math.ceil(largestValue(spec, drawing) * 1.25))) + 14);
  const left = spec.horizontal ? labelRoom + 10 : Math.max(56, tickRoom);
  // A horizontal chart's value axis names its unit at its right end, 15 px past the plot.
  const right = spec.horizontal ? Math.max(40, Math.ceil(labelWidth(AXIS_NAMES[spec.series[0]?.unit ?? 'count']) + 22)) : 40;
  // Category labels wider than their band (the ten 0%–<10% bins) are turned 30°, with room below.
  const band = (width - left - right) / Math.max(1, spec.categories.length);
  const longest = Math.max(0, ...spec.categories.map((c) => labelWidth(c)));
  const rotate = !spec.horizontal && longest > band - 6 ? 30 : 0;
  const bottom = rotate ? Math.ceil(14 + longest * Math.sin(Math.PI / 6) + LABEL_SIZE * Math.cos(Math.PI / 6)) : 32;
  const category = {
    type: 'category' as const,
    data: spec.categories,
    axisLabel: { interval: 0, fontSize: LABEL_SIZE, width: labelRoom, overflow: 'truncate' as const, rotate },
  };
  // A horizontal chart's value ticks run along a plot that is narrow on a phone (130 px for a
  // completion panel): as many as fit side by side, so 「1000」「2000」… never run together.
  const tickWidth = labelWidth(axisNumber(Math.ceil(largestValue(spec, drawing) * 1.25))) + 16;
  const splitNumber = spec.horizontal ? Math.max(2, Math.min(5, Math.floor((width - left - right) / tickWidth))) : undefined;
  const value = (unit: ChartSeries['unit']) => ({
    type: 'value' as const,
    name: AXIS_NAMES[unit],
    minInterval: unit === 'percent' ? undefined : 1,
    max: unit === 'percent' ? 100 : drawing.valueMax,
    splitNumber,
    axisLabel: { hideOverlap: true, ...(unit === 'percent' ? {} : { formatter: axisNumber }) },
  });
  const unit = spec.series[0]?.unit ?? 'count';
  return {
    animation: false,
    color: COLORS,
    textStyle: { fontFamily },
    // A static picture: no hover states (less to draw); a legend only when there is more than one series.
    legend: spec.series.length > 1 ? { top: 0, textStyle: { fontSize: 12 } } : { show: false },
    // A vertical value axis' name (件, %) sits 15 above the plot: a top of 36 keeps it inside the picture.
    grid: { left, right, top: spec.series.length > 1 ? 40 + 30 * (legendRows(spec, width) - 1) : spec.horizontal ? 24 : 36, bottom, containLabel: false },
    xAxis: spec.horizontal ? value(unit) : category,
    yAxis: spec.horizontal ? { ...category, inverse: true } : value(unit),
    series: spec.series.map((s) => ({
      type: spec.kind,
      name: s.name,
      data: s.values,
      stack: s.stack,
      barMaxWidth: 28,
      silent: true,
      emphasis: { disabled: true },
      // A stacked segment's label would sit on the next one's: its figure is in the table below.
      label: { show: !s.stack && (spec.horizontal || spec.kind === 'line'), position: spec.horizontal ? 'right' : 'top', fontSize: 11 },
    })),
  };
}

/** What a screen reader hears for the picture: the title and where the table view is. */
export function chartLabel(spec: ChartSpec): string {
  return `${spec.title}（图表，数据见下方表格）`;
}

/**
 * The chart as an SVG string: ECharts' server-side renderer, no DOM. The root element gets
 * role="img" and an aria-label; ECharts' own text is plain SVG text, escaped by it.
 */
export function renderChartSvg(spec: ChartSpec, drawing: ChartDrawing = {}): string {
  // The same figures draw the same picture: a page looked at again, or after a change that
  // leaves a chart's data as it was, takes it from here (ECharts takes 10–50 ms a drawing, and
  // the insight page draws each chart twice, for a desk and a phone).
  const key = JSON.stringify([spec, drawing]);
  const kept = drawings.get(key);
  if (kept !== undefined) return kept;
  const svg = drawChartSvg(spec, drawing);
  drawings.set(key, svg);
  return svg;
}

/** Drawings kept, by characters of SVG: a province's page draws ~20 of ~10 KB. */
const drawings = new KeptMap<string>(8_000_000, (svg) => svg.length);

/** Forget every drawing kept (benchmarks measuring the drawing itself). */
export function forgetChartDrawings(): void {
  drawings.clear();
}

function drawChartSvg(spec: ChartSpec, drawing: ChartDrawing): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: drawing.width ?? CHART_WIDTH, height: chartHeight(spec) });
  try {
    chart.setOption(option(spec, drawing));
    const svg = chart.renderToSVGString();
    return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(chartLabel(spec))}" focusable="false" `);
  } finally {
    chart.dispose();
  }
}

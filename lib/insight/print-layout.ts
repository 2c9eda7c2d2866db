/**
 * The district insight as it prints (「下载 PDF」 of /review/insight): title, scope, indicators,
 * charts, ranking and risk flags, every word and number decided here, as plain data a PDF worker
 * receives (./print.ts); lib/render/pdf/insight-pdf.tsx lays it out, lib/server/insight-pdf.ts
 * has it rendered.
 */
import { breakTitle } from '../document/title-lines';
import { chinaDay } from '../china-time';
import { branchChart, completionCharts, distributionChart, rankingCharts, RANKING_CHART_ROWS, rateTrendChart, receivedTrendChart } from './charts';
import type { DistrictInsight } from './district';
import { insightIndicatorRows, insightScopeText, insightTitle } from './district-rows';
import { formatFigure, type AgencyFigure, type Indicator } from './indicators';
import type { InsightPrint, PrintBlock, PrintChart, PrintTable } from './print';
import { FLAGS_SHOWN, RISK_ORDER_TEXTS, RISK_RULES } from './risk';
import { branchColumns, showsBranches } from './branches';

/** Above this many units the ranking table lists the first and the last RANKING_TABLE_EDGE. */
export const RANKING_TABLE_MAX = 200;
const RANKING_TABLE_EDGE = 50;

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const count = (n: number) => n.toLocaleString('zh-CN');

function indicatorTable(insight: DistrictInsight): PrintTable {
  const rows = insightIndicatorRows(insight).slice(1);
  const out: PrintTable['rows'] = [];
  insight.indicators.forEach((ind, n) => {
    const [group, name, formula, numerator, denominator, , , notes] = rows[n];
    if (n === 0 || rows[n - 1][0] !== group) out.push({ kind: 'group', text: String(group) });
    out.push({
      kind: 'row',
      cells: [
        { text: String(name) },
        { text: String(formula) },
        { text: count(Number(numerator)) },
        { text: denominator === null ? '' : count(Number(denominator)) },
        // As the page shows it: 42.3%, 1,234 or — (分母为 0), with 基数小 and blanks noted.
        { text: formatFigure(ind.kind, ind.value), note: notes ? String(notes).split('；').join('\n') : undefined },
      ],
    });
  });
  return {
    caption: '指标、计算方法、分子、分母和数值',
    columns: [
      { label: '指标', width: 0.2, align: 'left' },
      { label: '计算方法', width: 0.38, align: 'left' },
      { label: '分子', width: 0.12, align: 'center' },
      { label: '分母', width: 0.12, align: 'center' },
      { label: '数值', width: 0.18, align: 'center' },
    ],
    rows: out,
  };
}

/** The level below, each agency with its units added up (as the page's 下级机关). */
function branchTable(insight: DistrictInsight): PrintTable {
  const columns = branchColumns(insight.rankKey).map((k) => insight.indicators.find((i) => i.key === k)!);
  const share = 0.66 / columns.length;
  return {
    caption: '下级机关的指标（由其全部下级单位的报告相加）',
    columns: [
      { label: '下级机关', width: 0.24, align: 'left' },
      { label: '计入单位', width: 0.1, align: 'center' },
      ...columns.map((c) => ({ label: c.name, width: share, align: 'center' as const })),
    ],
    rows: insight.branches.map((b) => ({
      kind: 'row' as const,
      cells: [
        { text: b.agencyName },
        { text: count(b.units) },
        ...columns.map((c) => {
          const f = b.figures[c.key];
          return { text: formatFigure(f.kind, f.value), note: f.smallBase ? '基数小' : undefined };
        }),
      ],
    })),
  };
}

/** Competition ranking: equal values share a place (1, 2, 2, 4); no value, no place. */
function places(ranked: readonly AgencyFigure[]): (number | null)[] {
  return ranked.map((a) => (a.value === null ? null : 1 + ranked.filter((b) => b.value !== null && b.value > a.value!).length));
}

function valueNote(a: Pick<AgencyFigure, 'smallBase' | 'blanks'>): string | undefined {
  const notes = [a.smallBase ? '基数小' : '', a.blanks ? `含 ${a.blanks} 个空白单元格（按 0 计）` : ''].filter(Boolean);
  return notes.length ? notes.join('；') : undefined;
}

/** The ranking as a table; `gap` [from, to) leaves the middle out (a province's thousands of units). */
function rankingTable(ranked: readonly AgencyFigure[], indicator: Indicator, gap?: [number, number]): PrintTable {
  const place = places(ranked);
  const keep = (i: number) => !gap || i < gap[0] || i >= gap[1];
  const rate = indicator.kind === 'rate';
  return {
    caption: `各单位${indicator.name}排名`,
    columns: rate
      ? [
          { label: '名次', width: 0.1, align: 'center' },
          { label: '单位', width: 0.44, align: 'left' },
          { label: '分子', width: 0.13, align: 'center' },
          { label: '分母', width: 0.13, align: 'center' },
          { label: indicator.name, width: 0.2, align: 'center' },
        ]
      : [
          { label: '名次', width: 0.1, align: 'center' },
          { label: '单位', width: 0.6, align: 'left' },
          { label: `${indicator.name}（件）`, width: 0.3, align: 'center' },
        ],
    rows: ranked.flatMap((a, i) =>
      keep(i)
        ? [
            {
              kind: 'row' as const,
              cells: [
                { text: place[i] === null ? '—' : String(place[i]) },
                { text: a.agencyName },
                ...(rate ? [{ text: count(a.numerator) }, { text: a.denominator === null ? '' : count(a.denominator) }] : []),
                { text: formatFigure(indicator.kind, a.value), note: valueNote(a) },
              ],
            },
          ]
        : [],
    ),
  };
}

/** The insight as it prints: title, scope, indicators, charts, ranking and risk flags. */
export function insightPrint(insight: DistrictInsight, today = new Date()): InsightPrint {
  const title = insightTitle(insight);
  const ranked = insight.indicators.find((i) => i.key === insight.rankKey)!;
  const trend = insight.trend.map((p) => ({ year: p.year, newReceived: p.newReceived, disclosureRate: p.disclosure.value }));
  const [y, m, d] = chinaDay(today).split('-').map(Number);
  const blocks: PrintBlock[] = [];
  let section = 0;
  const heading = (text: string) => blocks.push({ kind: 'heading', level: 1, text: `${CN_NUMBERS[section++]}、${text}` });

  blocks.push({
    kind: 'paragraph',
    text: `${insight.year}年度，${insightScopeText(insight)}`,
  });

  heading('指标');
  blocks.push({ kind: 'table', table: indicatorTable(insight) });

  if (showsBranches(insight.branches, insight.path.length > 1)) {
    heading(`下级机关（${insight.branches.length} 个）`);
    blocks.push({ kind: 'paragraph', text: '每个下级机关的数字由其全部下级单位的报告相加（比率为分子之和除以分母之和，不是各单位比率的平均）。' });
    blocks.push({ kind: 'table', table: branchTable(insight) });
  }

  heading('图表');
  let figure = 0;
  const chart = (c: Omit<PrintChart, 'caption'>, suffix = '') => blocks.push({ kind: 'chart', chart: { ...c, caption: `图${++figure}　${c.spec.title}${suffix}` } });
  // A chart of nothing (no year held, no unit counted) is left out rather than drawn as empty axes.
  if (trend.length) {
    chart({ spec: receivedTrendChart(trend) });
    chart({ spec: rateTrendChart(trend) });
  }
  if (showsBranches(insight.branches, insight.path.length > 1))
    chart({ spec: branchChart(ranked.name, ranked.kind, insight.branches.map((b) => ({ agencyName: b.agencyName, value: b.figures[insight.rankKey].value }))) });
  if (insight.ranking.length) {
    chart({ spec: distributionChart(ranked.name, ranked.kind, insight.ranking) });
    const ranking = rankingCharts(ranked.name, ranked.kind, insight.ranking);
    if (ranking.partial)
      blocks.push({
        kind: 'paragraph',
        text: `单位较多（${insight.ranking.length} 个），排名图只画出前 ${RANKING_CHART_ROWS} 名和后 ${RANKING_CHART_ROWS} 名；全部单位见第${CN_NUMBERS[section]}部分的排名表。`,
      });
    for (const p of ranking.parts) chart({ spec: p.spec, valueMax: ranking.valueMax }, ranking.parts.length > 1 ? `（第 ${p.from}–${p.to} 位）` : '');
  }
  for (const spec of completionCharts(insight.completion)) chart({ spec });
  if (!figure) blocks.push({ kind: 'paragraph', text: '没有计入的报告，无图表。' });

  heading(`各单位${ranked.name}排名`);
  if (insight.ranking.length > RANKING_TABLE_MAX) {
    blocks.push({
      kind: 'paragraph',
      text: `单位较多（${insight.ranking.length} 个），下表列出前 ${RANKING_TABLE_EDGE} 名和后 ${RANKING_TABLE_EDGE} 名；全部单位见辖区分析的「下载指标表 Excel」（「各单位」表）。`,
    });
    blocks.push({ kind: 'table', table: rankingTable(insight.ranking, ranked, [RANKING_TABLE_EDGE, insight.ranking.length - RANKING_TABLE_EDGE]) });
  } else if (insight.ranking.length) blocks.push({ kind: 'table', table: rankingTable(insight.ranking, ranked) });
  else blocks.push({ kind: 'paragraph', text: '没有计入的报告。' });

  heading('风险提示');
  RISK_RULES.forEach((rule, i) => {
    const mine = insight.flags.filter((f) => f.rule === rule);
    blocks.push({ kind: 'heading', level: 2, text: `（${CN_NUMBERS[i]}）${insight.ruleTexts[rule]}` });
    const shown = mine.slice(0, FLAGS_SHOWN);
    blocks.push({
      kind: 'paragraph',
      text: !mine.length ? '无。' : mine.length > shown.length ? `共 ${mine.length} 个单位，下表列出前 ${shown.length} 个（${RISK_ORDER_TEXTS[rule]}）；全部见「下载指标表 Excel」（「风险提示」表）：` : `共 ${mine.length} 个单位：`,
    });
    if (mine.length)
      blocks.push({
        kind: 'table',
        table: {
          caption: insight.ruleTexts[rule],
          columns: [
            { label: '单位', width: 0.3, align: 'left' },
            { label: '情况', width: 0.7, align: 'left' },
          ],
          rows: shown.map((f) => ({
            kind: 'row' as const,
            cells: [
              { text: f.agencyName },
              {
                text: f.message,
                note: f.cells.length ? f.cells.map((c) => `${c.label}：${c.value === null ? '空（按 0 计）' : c.value}`).join('\n') : undefined,
              },
            ],
          })),
        },
      });
  });

  return {
    title,
    titleLines: breakTitle([insight.districtName, `${insight.year}年度`, '政府信息公开分析'], 20),
    dateLine: `数据截至${y}年${m}月${d}日`,
    meta: { author: insight.districtName, subject: '政府信息公开工作年度报告辖区分析', keywords: [insight.districtName, `${insight.year}年度`, '政府信息公开', '辖区分析'] },
    blocks,
  };
}

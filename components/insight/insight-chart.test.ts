/**
 * The chart as the page serves it: React writes the SVG string into the page as it is, so the
 * browser's HTML parser reads ECharts' attributes — a quote inside one (a quoted font name)
 * ended it, the font was dropped and the rest read as junk attributes.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { parse, valid, type HTMLElement } from 'node-html-parser';
import { CHART_FONT, completionChart, distributionChart, rankingChart, receivedTrendChart, type ChartSpec } from '../../lib/insight/charts';
import type { AgencyFigure } from '../../lib/insight/indicators';
import { InsightChart } from './insight-chart';

const figure = (agencyName: string, value: number | null): AgencyFigure => ({ agencyId: agencyName, agencyName, reportId: null, numerator: 0, denominator: null, value, smallBase: false, cells: [], blanks: 0 });

const SPECS: ChartSpec[] = [
  receivedTrendChart([
    { year: 2023, newReceived: 4, disclosureRate: 0.5 },
    { year: 2024, newReceived: 9, disclosureRate: null },
  ]),
  distributionChart('实质公开率', 'rate', [figure('甲', 0.1), figure('乙', 0.5), figure('丙', null)]),
  rankingChart('依申请新收', 'count', [figure('<b>甲"街道</b>', 12), figure('乙街道', 3)]),
  completionChart([{ level: 1, counts: { none: 1, draft: 2, returned: 0, submitted: 3, approved: 4, late: 2 } }]),
];

/** Every attribute written name="value", as XML requires (and as the HTML parser then reads it whole). */
const WELL_FORMED_ATTRIBUTES = /^\s*(?:[A-Za-z_:][-\w.:]*="[^"<]*"\s*)*\/?$/;

const declarations = (style: string) =>
  new Map(
    style
      .split(';')
      .filter((d) => d.trim())
      .map((d) => {
        const at = d.indexOf(':');
        return [d.slice(0, at).trim(), d.slice(at + 1).trim()] as const;
      }),
  );

describe('the chart SVG as the page serves it', () => {
  for (const spec of SPECS)
    it(`${spec.id}: parses as markup, every attribute whole, each text in the charts' font`, () => {
      const html = renderToStaticMarkup(createElement(InsightChart, { spec }));
      expect(valid(html)).toBe(true);
      const svg = parse(html).querySelector('svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      const elements = [svg, ...svg.querySelectorAll('*')] as HTMLElement[];
      for (const el of elements) expect(el.rawAttrs, `<${el.rawTagName} ${el.rawAttrs}>`).toMatch(WELL_FORMED_ATTRIBUTES);
      const texts = svg.querySelectorAll('text');
      expect(texts.length).toBeGreaterThan(2);
      for (const t of texts) expect(declarations(t.getAttribute('style') ?? '').get('font-family'), t.text).toBe(CHART_FONT);
    });
});

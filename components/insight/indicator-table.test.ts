/**
 * The evidence as the page serves it: only the indicator asked for carries its table of units
 * and cells; the others link to it (a city's fourteen tables were most of a 7 MB page).
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { parse } from 'node-html-parser';
import { sampleInsight } from '../../test/support/sample-insight';
import { IndicatorEvidence } from './indicator-table';

describe('IndicatorEvidence', () => {
  const insight = sampleInsight(40);
  const rate = insight.indicators.find((i) => i.key === 'disclosureRate')!;
  const render = (open: boolean) => parse(renderToStaticMarkup(createElement(IndicatorEvidence, { indicator: rate, open, href: '?year=2024&ev=disclosureRate#ev-disclosureRate' })));

  it('opened: every unit with its cells', () => {
    const html = render(true);
    expect(html.querySelector('details')!.hasAttribute('open')).toBe(true);
    expect(html.querySelectorAll('tbody tr').length).toBe(40);
    expect(html.querySelectorAll('td[data-cell]').length).toBe(40 * rate.agencies[0].cells.length);
  });

  it('closed: no table, a link that opens it', () => {
    const html = render(false);
    expect(html.querySelector('details')!.hasAttribute('open')).toBe(false);
    expect(html.querySelector('table')).toBeNull();
    const link = html.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('?year=2024&ev=disclosureRate#ev-disclosureRate');
    expect(link.text).toBe('显示 40 个单位的单元格');
  });
});

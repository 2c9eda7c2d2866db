import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '@/lib/document';
import { renderHtml } from '@/lib/render/html';
import { template2021 } from '@/templates/2021';
import { loadSeedFixtures } from '../../test/fixtures/load';
import { ReportPreview } from './report-preview';

describe('the preview on a phone', () => {
  it('lays each table out as the publication page does: the same widths, the same sticky label columns', () => {
    const doc = buildDocument(template2021, loadSeedFixtures()[0].report);
    const preview = renderToStaticMarkup(createElement(ReportPreview, { doc, isDraft: false }));
    const page = renderHtml(doc);
    const tables = doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    expect(tables.map((t) => t.key)).toEqual(['table2', 'table3', 'table4']);
    for (const t of tables) {
      const el = preview.match(new RegExp(`<table[^>]*data-table="${t.key}"[^>]*>([\\s\\S]*?)</table>`))!;
      const total = Number(/--narrow-width:([\d.]+)em/.exec(el[0])![1]);
      const cols = [...el[1].matchAll(/--narrow-col:([\d.]+)em/g)].map((m) => Number(m[1]));
      const lefts = [...new Set([...el[1].matchAll(/--left:([\d.]+)em/g)].map((m) => Number(m[1])))];
      const pageCols = [...page.matchAll(new RegExp(`#${t.key} col\\.c\\d+\\{width:([\\d.]+)em\\}`, 'g'))].map((m) => Number(m[1]));
      const pageLefts = [...page.matchAll(new RegExp(`#${t.key} \\.k\\d+\\{left:([\\d.]+)em\\}`, 'g'))].map((m) => Number(m[1]));
      const pageTotal = Number(new RegExp(`#${t.key}\\{width:([\\d.]+)em\\}`).exec(page)![1]);
      expect(cols.map((w) => w.toFixed(2)), t.key).toEqual(pageCols.map((w) => w.toFixed(2)));
      expect(lefts.map((w) => w.toFixed(2)), t.key).toEqual(pageLefts.map((w) => w.toFixed(2)));
      expect(total.toFixed(2), t.key).toBe(pageTotal.toFixed(2));
    }
    // 表三 keeps its three label columns in view; no column is wider than a label may be.
    expect(new RegExp(`#table3 \\.k2\\{left:`).test(page)).toBe(true);
  });
});

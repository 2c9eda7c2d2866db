import { describe, expect, it } from 'vitest';
import { template2021 } from '../../../templates/2021';
import { buildDocument } from '../../document';
import type { DocCell, DocTable } from '../../document/types';
import { sectionHeading, tableCells } from '../../template/walk';
import { sampleReport } from '../../../test/support/sample-report';
import { renderHtml } from './render-html';
import { tableHtml, valueHeaders } from './table';

const report = sampleReport(template2021);
const doc = buildDocument(template2021, report);
const tables = doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const html = renderHtml(doc);

describe('renderHtml', () => {
  it('is one self-contained zh-CN page: nothing fetched, no script', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/\b(src|href|srcset|action)=|url\(|@import|<script|<link/i);
    expect(html).toContain(`default-src 'none'`);
  });

  it('has the six section headings, the three tables with captions, and every number', () => {
    const h2 = [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual(template2021.sections.map(sectionHeading));
    expect([...html.matchAll(/<caption[^>]*>([^<]*)<\/caption>/g)].map((m) => m[1])).toEqual([
      '表二　主动公开政府信息情况',
      '表三　收到和处理政府信息公开申请情况',
      '表四　政府信息公开行政复议、行政诉讼情况',
    ]);
    const numbers = [...html.matchAll(/<td[^>]*class="num[^"]*"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    const expected = (['table2', 'table3', 'table4'] as const).flatMap((t) =>
      tableCells(template2021, t).map((c) => String(report.tables[t][c.row][c.col] ?? '')),
    );
    expect(numbers).toEqual(expected);
    expect(html).toContain('<td rowspan="3" colspan="3" class="corner stick k0">');
  });

  it('escapes everything typed: agency name, title, paragraphs', () => {
    const r = sampleReport(template2021, { agencyName: '<script>alert(1)</script>"&\'' });
    r.text.otherMatters.processingFee = '</p><img src=x onerror=alert(1)>';
    const out = renderHtml(buildDocument(template2021, r));
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;');
    expect(out).toContain('&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('marks a draft, never an approved report', () => {
    expect(renderHtml(doc, { final: false })).toContain('class="draft"');
    expect(html).not.toContain('class="draft"');
  });
});

describe('table headers', () => {
  const byId = (t: DocTable) => new Map(t.rows.flatMap((r) => r.cells).map((c) => [`${t.key}-r${c.row}c${c.col}`, c] as [string, DocCell]));

  it.each(tables.map((t) => [t.key, t] as const))('%s: each value cell names its row labels and every column header above it', (_, t) => {
    const cells = byId(t);
    const headers = valueHeaders(t);
    const infos = tableCells(template2021, t.key);
    const values = t.rows.flatMap((r) => r.cells).filter((c) => c.role === 'value');
    expect(values).toHaveLength(infos.length);
    for (const v of values) {
      const info = infos.find((i) => i.row === v.ref!.row && i.col === v.ref!.col)!;
      const texts = headers.get(v)!.map((id) => cells.get(id)!.text);
      expect(texts, `${info.row}.${info.col}`).toEqual(expect.arrayContaining([...info.rowPath, info.colLabel]));
      expect(texts.at(-1)).toBe(info.colLabel);
      // Nothing from another block or row.
      expect(texts.length).toBeLessThanOrEqual(info.rowPath.length + 3);
    }
  });

  it('every header is a <th> with an id and a scope; every headers id exists', () => {
    for (const t of tables) {
      const { html: out } = tableHtml(t);
      const ids = new Set([...out.matchAll(/<th[^>]* id="([^"]+)" scope="(col|colgroup|row|rowgroup)"/g)].map((m) => m[1]));
      expect(ids.size).toBe(t.rows.flatMap((r) => r.cells).filter((c) => c.role !== 'value' && c.role !== 'corner').length);
      for (const m of out.matchAll(/headers="([^"]*)"/g)) for (const id of m[1].split(' ')) expect(ids.has(id), id).toBe(true);
    }
  });
});

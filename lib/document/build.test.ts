import { describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { blankReport } from '../report/blank';
import type { Report } from '../report/types';
import { flattenLeaves, sectionHeading, tableCells } from '../template/walk';
import { buildDocument, documentFileName, partNumbers } from './build';
import { breakTitle, textUnits } from './title-lines';
import type { DocTable, DocumentTree, HeadingBlock } from './types';

const agency = '卫滨区中同街街道办事处';

function report(fill: (r: Report) => void = () => {}): Report {
  const r = blankReport(template2021, { agencyName: agency, year: 2024 });
  fill(r);
  return r;
}

const headings = (d: DocumentTree, level: 1 | 2) =>
  d.blocks.filter((b): b is HeadingBlock => b.kind === 'heading' && b.level === level);
const table = (d: DocumentTree, key: string): DocTable => {
  const b = d.blocks.find((x) => x.kind === 'table' && x.table.key === key);
  if (!b || b.kind !== 'table') throw new Error(`no ${key}`);
  return b.table;
};

describe('buildDocument', () => {
  it('always prints the title and the six section headings of the template, in order', () => {
    const d = buildDocument(template2021, report());
    expect(d.blocks[0]).toMatchObject({ kind: 'title', text: `${agency}2024年${template2021.titleSuffix}` });
    expect(headings(d, 1).map((h) => h.text)).toEqual(template2021.sections.map(sectionHeading));
    expect(headings(d, 2)).toEqual([]);
    expect(d.blocks.filter((b) => b.kind === 'paragraph')).toEqual([]);
  });

  it('numbers printed sub-headings consecutively and skips empty parts, required or not', () => {
    const d = buildDocument(
      template2021,
      report((r) => {
        r.text.overview.proactive = '主动公开内容。';
        r.text.overview.onRequest = '   \n  ';
        r.text.overview.management = '管理内容。';
      }),
    );
    const h2 = headings(d, 2);
    const [proactive, , management] = template2021.sections[0].parts.filter((p) => p.title);
    expect(h2.map((h) => h.text)).toEqual([`（一）${proactive.title}`, `（二）${management.title}`]);
  });

  it('numbers every titled part when nothing is left out (the form lists them all)', () => {
    const overview = template2021.sections[0];
    const numbers = partNumbers(overview);
    const titled = overview.parts.filter((p) => p.title);
    expect(titled.map((p) => numbers.get(p.key))).toEqual(['（一）', '（二）', '（三）', '（四）', '（五）', '（六）'].slice(0, titled.length));
    expect(overview.parts.filter((p) => !p.title).every((p) => !numbers.has(p.key))).toBe(true);
  });

  it('splits a part into paragraphs on new lines, trimmed, without empty ones', () => {
    const d = buildDocument(template2021, report((r) => (r.text.overview.lead = '  第一段。 \n\n第二段。\r\n')));
    const paras = d.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
    expect(paras).toEqual(['第一段。', '第二段。']);
    // The untitled lead goes before （一）, under 一、.
    expect(d.blocks.findIndex((b) => b.kind === 'paragraph')).toBe(d.blocks.findIndex((b) => b.kind === 'heading') + 1);
  });

  it('puts the 表四 note under 表四 as a table note', () => {
    const d = buildDocument(template2021, report((r) => (r.text.reviewLitigationTable.note = '注：含上年度结转数量。')));
    const i = d.blocks.findIndex((b) => b.kind === 'table' && b.table.key === 'table4');
    expect(d.blocks[i + 1]).toMatchObject({ kind: 'tableNote', text: '注：含上年度结转数量。' });
  });

  it('prints a date line only when there is a publication date', () => {
    expect(buildDocument(template2021, report()).blocks.some((b) => b.kind === 'dateLine')).toBe(false);
    const d = buildDocument(template2021, report((r) => (r.meta.publishDate = '2025-01-23')));
    expect(d.blocks[1]).toEqual({ kind: 'dateLine', text: '（2025年1月23日）' });
    expect(buildDocument(template2021, report((r) => (r.meta.publishDate = '2025-01-23')), { dateLine: false }).blocks[1].kind).toBe('heading');
  });

  it('fills every grid position of every table exactly once', () => {
    const d = buildDocument(template2021, report());
    for (const key of ['table2', 'table3', 'table4']) {
      const t = table(d, key);
      const cols = t.columnWidths.length;
      const seen = new Map<string, number>();
      for (const row of t.rows)
        for (const c of row.cells)
          for (let r = c.row; r < c.row + c.rowSpan; r++)
            for (let k = c.col; k < c.col + c.colSpan; k++) seen.set(`${r}.${k}`, (seen.get(`${r}.${k}`) ?? 0) + 1);
      expect(seen.size, key).toBe(t.rows.length * cols);
      expect([...seen.values()].every((n) => n === 1), key).toBe(true);
      expect(t.columnWidths.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6);
    }
  });

  it('lays 表三 out as the printed form: corner 3×3, 7 value columns, 三、 spanning 22 rows, groups kept whole', () => {
    const t = table(buildDocument(template2021, report()), 'table3');
    expect(t.headerRows).toBe(3);
    expect(t.rows[0].cells[0]).toMatchObject({ role: 'corner', rowSpan: 3, colSpan: 3, text: template2021.tables.table3.cornerNote });
    expect(t.columnWidths.length).toBe(10);
    const results = t.rows.flatMap((r) => r.cells).find((c) => c.text === '三、本年度办理结果')!;
    expect(results.rowSpan).toBe(22);
    const denied = t.rows.flatMap((r) => r.cells).find((c) => c.text === '（三）不予公开')!;
    const groupsOfDenied = new Set(t.rows.slice(denied.row, denied.row + denied.rowSpan).map((r) => r.group));
    expect(groupsOfDenied.size).toBe(1);
    // 三、 spans several groups: it may break between them.
    expect(new Set(t.rows.slice(results.row, results.row + 22).map((r) => r.group)).size).toBeGreaterThan(1);
    expect(t.rows.slice(t.headerRows).length).toBe(flattenLeaves(template2021.tables.table3.rows).length);
  });

  it('prints values exactly, blanks as empty by default or as asked', () => {
    const r = report((x) => {
      x.tables.table2.administrativeFees.amount = '96171.6234';
      x.tables.table3.newReceived.natural = 3985758;
    });
    const d = buildDocument(template2021, r);
    const cells = (t: DocTable) => t.rows.flatMap((row) => row.cells).filter((c) => c.role === 'value');
    const t2 = cells(table(d, 'table2'));
    expect(t2.find((c) => c.ref?.row === 'administrativeFees')!.text).toBe('96171.6234');
    const t3 = cells(table(d, 'table3'));
    expect(t3.find((c) => c.ref?.row === 'newReceived' && c.ref.col === 'natural')!.text).toBe('3985758');
    const blank = t3.find((c) => c.ref?.row === 'carriedOver')!;
    expect(blank).toMatchObject({ text: '', isBlank: true });
    const withDash = cells(table(buildDocument(template2021, r, { blankCell: '—' }), 'table3'));
    expect(withDash.find((c) => c.ref?.row === 'carriedOver')!.text).toBe('—');
    // Every value cell of the template is there, once.
    expect(t3.length).toBe(tableCells(template2021, 'table3').length);
  });

  it('carries metadata and the download file name', () => {
    const d = buildDocument(template2021, report((r) => (r.meta.title = '自定义标题')));
    expect(d.meta).toMatchObject({ title: '自定义标题', author: agency, language: 'zh-CN' });
    expect(documentFileName(d, 'pdf')).toBe(`${agency}2024年政府信息公开工作年度报告.pdf`);
    const slash = buildDocument(template2021, blankReport(template2021, { agencyName: 'A/B局', year: 2024 }));
    expect(documentFileName(slash, 'docx')).toBe('A_B局2024年政府信息公开工作年度报告.docx');
  });
});

describe('breakTitle', () => {
  it('keeps a short title on one line', () => {
    expect(breakTitle(['某某局', '2024年', '政府信息公开工作年度报告'], 20)).toEqual(['某某局2024年政府信息公开工作年度报告']);
  });

  it('breaks a long title between words into balanced lines, never 「…工作年」/「度报告」', () => {
    for (const name of [agency, '某某省某某市某某区人民政府某某街道办事处', '中国（上海）自由贸易试验区临港新片区管理委员会']) {
      const lines = breakTitle([name, '2024年', template2021.titleSuffix], 20);
      expect(lines.join('')).toBe(`${name}2024年${template2021.titleSuffix}`);
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(textUnits(l)).toBeLessThanOrEqual(20);
      for (let i = 1; i < lines.length; i++) {
        expect(lines[i - 1].endsWith('年') && lines[i].startsWith('度')).toBe(false);
        expect(lines[i - 1].endsWith('办事') || lines[i].startsWith('办事处')).toBe(false);
      }
      const widths = lines.map(textUnits);
      expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(6);
    }
  });
});

import { describe, expect, test } from 'vitest';
import { getCell, setCell } from '../report';
import type { Report } from '../report/types';
import { tableCells } from '../template/walk';
import { template2021 as template } from '../../templates/2021';
import { consistentReport } from '../../test/support/generate';
import { loadSeedFixtures } from '../../test/fixtures/load';
import { compareReports } from './compare-reports';
import { versionLabel } from './version-label';
import { blankReport } from '../report';
import { afterText, beforeText } from './text-diff';

const base = consistentReport(3);
const copy = (r: Report): Report => structuredClone(r);
const withText = (r: Report, section: string, part: string, text: string): Report => ({
  ...r,
  text: { ...r.text, [section]: { ...r.text[section], [part]: text } },
});

describe('compareReports', () => {
  test('identical reports: an empty diff', () => {
    const diff = compareReports(template, base, copy(base));
    expect(diff).toEqual({ meta: [], cells: [], texts: [], isEmpty: true, summary: '没有改动' });
  });

  test('one changed cell, with its labels as the template prints them', () => {
    const ref = { table: 'table3', row: 'stateSecret', col: 'business' } as const;
    const before = getCell(base, ref) as number;
    const diff = compareReports(template, base, setCell(base, ref, before + 1));
    // Written out on purpose: these are the statutory labels a reviewer must see.
    expect(diff.cells).toEqual([
      {
        ...ref,
        section: 'requestsTable',
        tableName: '表三',
        rowPath: ['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密'],
        colLabel: '商业企业',
        before,
        after: before + 1,
        blankVsZero: false,
      },
    ]);
    expect(diff.meta).toEqual([]);
    expect(diff.texts).toEqual([]);
    expect(diff.isEmpty).toBe(false);
    expect(diff.summary).toBe('表三 1 个单元格有改动');
  });

  test('blank ↔ 0 is a change, both ways', () => {
    const ref = { table: 'table4', row: 'review', col: 'pending' } as const;
    const zero = setCell(base, ref, 0);
    const blank = setCell(base, ref, null);
    expect(compareReports(template, blank, zero).cells.map((c) => [c.before, c.after])).toEqual([[null, 0]]);
    expect(compareReports(template, zero, blank).cells.map((c) => [c.before, c.after])).toEqual([[0, null]]);
    expect(compareReports(template, blank, copy(blank)).cells).toEqual([]);
  });

  test('a new, blank report against last year: real changes first, blank ↔ 0 counted apart in one line', () => {
    const zeros = copy(base);
    for (const c of (['table2', 'table3', 'table4'] as const).flatMap((t) => tableCells(template, t))) {
      const v = getCell(zeros, c);
      if (v !== null) Object.assign(zeros, setCell(zeros, c, c.valueType === 'amount' ? '0.00' : 0));
    }
    // Blank tables, the same words.
    const fresh = { ...blankReport(template, { agencyName: base.meta.agencyName, year: base.meta.year }), meta: zeros.meta, text: zeros.text };
    const withOne = setCell(fresh, { table: 'table3', row: 'newReceived', col: 'natural' }, 5);
    const diff = compareReports(template, zeros, withOne);
    const blanks = diff.cells.filter((c) => c.blankVsZero);
    expect(blanks.length).toBeGreaterThan(150);
    expect(blanks.every((c) => c.after === null && Number(c.before) === 0)).toBe(true);
    expect(diff.cells.filter((c) => !c.blankVsZero).map((c) => [c.row, c.col, c.before, c.after])).toEqual([['newReceived', 'natural', 0, 5]]);
    expect(diff.summary).toMatch(new RegExp(`^表三 1 个单元格有改动；另有 ${blanks.length} 个单元格只是空白与 0 之别`));
    // Only blanks: said so, not 「191 个单元格有改动」.
    expect(compareReports(template, zeros, fresh).summary).toMatch(/^数字和文字没有实质改动；另有 \d+ 个单元格只是空白与 0 之别/);
  });

  test('versions are named with their time in China and their author', () => {
    expect(versionLabel({ version: 3, savedAt: '2026-12-02T08:40:00Z', savedByName: '紫薇大道街道填报员' })).toBe('第 3 版（2026年12月2日 16:40 · 紫薇大道街道填报员）');
    expect(versionLabel({ version: 1, savedAt: new Date('2026-12-31T16:05:00Z'), savedByName: null })).toBe('第 1 版（2027年1月1日 00:05）');
  });

  test('an amount respelled with the same value is not a change; a new value is', () => {
    const ref = { table: 'table2', row: 'administrativeFees', col: 'amount' } as const;
    const a = setCell(base, ref, '1.50');
    expect(compareReports(template, a, setCell(base, ref, '1.5')).cells).toEqual([]);
    expect(compareReports(template, a, setCell(base, ref, 1.5)).cells).toEqual([]);
    const changed = compareReports(template, a, setCell(base, ref, '1.5001')).cells;
    expect(changed.map((c) => [c.tableName, c.colLabel, c.before, c.after])).toEqual([
      ['表二', tableCells(template, 'table2').find((c) => c.row === ref.row)!.colLabel, '1.50', '1.5001'],
    ]);
  });

  test('a changed text part: insert/delete segments that reassemble both versions', () => {
    const before = base.text.overview.onRequest;
    const after = before.replace('均按时答复', '均在法定期限内答复，无超期情况');
    const diff = compareReports(template, base, withText(base, 'overview', 'onRequest', after));
    expect(diff.texts).toHaveLength(1);
    const t = diff.texts[0];
    const section = template.sections.find((s) => s.key === 'overview')!;
    expect([t.section, t.part, t.sectionHeading, t.partLabel]).toEqual([
      'overview',
      'onRequest',
      `${section.numeral}、${section.title}`,
      section.parts.find((p) => p.key === 'onRequest')!.label,
    ]);
    expect([t.before, t.after]).toEqual([before, after]);
    expect(beforeText(t.segments)).toBe(before);
    expect(afterText(t.segments)).toBe(after);
    expect(t.segments.filter((s) => s.kind === 'delete').map((s) => s.text)).toEqual(['按时']);
    expect(t.segments.filter((s) => s.kind === 'insert').map((s) => s.text)).toEqual(['在法定期限内', '，无超期情况']);
    expect(diff.summary).toBe('1 个文字部分有改动');
  });

  test('metadata changes are named as the form names them', () => {
    const after: Report = { ...base, meta: { ...base.meta, agencyName: '文峰区新名称街道办事处', publishDate: '2025-01-20' } };
    const diff = compareReports(template, base, after);
    expect(diff.meta).toEqual([
      { field: 'agencyName', label: '机关全称', before: base.meta.agencyName, after: '文峰区新名称街道办事处' },
      { field: 'publishDate', label: '发布日期', before: null, after: '2025-01-20' },
    ]);
    expect(diff.summary).toBe('基本信息 2 项有改动');
  });

  test('the one-line summary counts per table, then text parts', () => {
    let after = base;
    for (const row of ['granted', 'partial', 'notHeld']) {
      const ref = { table: 'table3', row, col: 'natural' } as const;
      after = setCell(after, ref, (getCell(after, ref) as number) + 1);
    }
    after = withText(after, 'problems', 'measures', '新的改进措施。');
    after = withText(after, 'otherMatters', 'processingFee', '本年度未收取任何费用。');
    expect(compareReports(template, base, after).summary).toBe('表三 3 个单元格、2 个文字部分有改动');

    after = setCell(after, { table: 'table2', row: 'rules', col: 'issued' }, null);
    after = { ...after, meta: { ...after.meta, contact: '电话 0373-1234567' } };
    expect(compareReports(template, base, after).summary).toBe('基本信息 1 项、表二 1 个单元格、表三 3 个单元格、2 个文字部分有改动');
  });

  test('changes come in printed order', () => {
    const refs = [
      { table: 'table4', row: 'review', col: 'upheld' },
      { table: 'table2', row: 'coercion', col: 'decisions' },
      { table: 'table3', row: 'carriedForward', col: 'natural' },
      { table: 'table3', row: 'newReceived', col: 'otherOrg' },
    ] as const;
    const after = refs.reduce((r, ref) => setCell(r, ref, null), base);
    expect(compareReports(template, base, after).cells.map((c) => `${c.table}.${c.row}.${c.col}`)).toEqual([
      'table2.coercion.decisions',
      'table3.newReceived.otherOrg',
      'table3.carriedForward.natural',
      'table4.review.upheld',
    ]);
  });

  test('two different published reports: every differing cell and text found, texts reassemble', () => {
    const [a, b] = loadSeedFixtures().map((f) => f.report);
    const diff = compareReports(template, a, b);
    const cells = (['table2', 'table3', 'table4'] as const).flatMap((k) => tableCells(template, k));
    expect(diff.cells.length).toBe(cells.filter((c) => getCell(a, c) !== getCell(b, c)).length);
    expect(diff.texts.length).toBeGreaterThan(0);
    for (const t of diff.texts) {
      expect(beforeText(t.segments)).toBe(a.text[t.section][t.part]);
      expect(afterText(t.segments)).toBe(b.text[t.section][t.part]);
    }
    expect(compareReports(template, a, copy(a)).isEmpty).toBe(true);
  });

  test('a report of another edition is refused, not misread', () => {
    expect(() => compareReports(template, base, { ...base, edition: '2019' })).toThrow(/格式版本/);
  });
});

import { describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { consistentReport } from '../../test/support/generate';
import { runChecks } from '../checks';
import { computeTotalsFromDetails, confirmCells, getCell, setCell } from './cells';
import { blankReport } from './blank';
import { carryOver } from './carry-over';
import { draftReportSchema } from './schema';
import type { Report } from './types';

/*
 * `meta.toConfirm` (issue 11 §3): an imported number the importer was not sure of stays marked
 * in the draft — a warning of the checks, a marked cell — until it is changed or confirmed.
 */
const imported = (): Report => {
  const r = consistentReport(7, 900);
  r.meta.totals = 'asPrinted';
  r.meta.toConfirm = {
    'table3.granted.natural': '表三「（一）予以公开」「自然人」原文在格内折行印作「300」「1」，已合为 3001，请核对',
    'table3.granted.total': '表三「（一）予以公开」（原文标签与格式不完全一致，按含义认定）',
  };
  return r;
};

describe('cells awaiting confirmation', () => {
  it('each is one warning of the checks, pointing at its cell and saying why; none blocks', () => {
    const found = runChecks(template2021, imported()).filter((f) => f.rule === 'IMPORT');
    expect(found.map((f) => f.id)).toEqual(['IMPORT:table3.granted.natural', 'IMPORT:table3.granted.total']);
    expect(found.every((f) => f.severity === 'warning')).toBe(true);
    expect(found[0].cells).toEqual([{ table: 'table3', row: 'granted', col: 'natural' }]);
    expect(found[0].message).toMatch(/^表三「（一）予以公开」·「自然人」导入时存疑：.*已合为 3001。请对照原报告核对/);
    expect(runChecks(template2021, { ...imported(), meta: { ...imported().meta, toConfirm: undefined } }).some((f) => f.rule === 'IMPORT')).toBe(false);
  });

  it('cells doubted for one reason (a row read by position) are one warning listing them', () => {
    const r = imported();
    const note = '表三「（二）部分公开」（这一行的数字少于列数，按位置对应到各列）';
    r.meta.toConfirm = { 'table3.partial.natural': note, 'table3.partial.total': note, 'table3.granted.natural': '另一个原因' };
    const found = runChecks(template2021, r).filter((f) => f.rule === 'IMPORT');
    expect(found.map((f) => f.cells.length)).toEqual([1, 2]);
    expect(found[1].message).toMatch(/这一行 2 格导入时存疑：表三「（二）部分公开」（这一行的数字少于列数/);
  });

  it('confirming one leaves the others; confirming the last removes the field; others are ignored', () => {
    const r = imported();
    const one = confirmCells(r, ['table3.granted.natural', 'table3.denied.total']);
    expect(Object.keys(one.meta.toConfirm!)).toEqual(['table3.granted.total']);
    expect(r.meta.toConfirm).toHaveProperty(['table3.granted.natural']); // not mutated
    const none = confirmCells(one, ['table3.granted.total']);
    expect('toConfirm' in none.meta).toBe(false);
    expect(confirmCells(none, ['table3.granted.total'])).toBe(none);
    expect(getCell(one, { table: 'table3', row: 'granted', col: 'natural' })).toBe(getCell(r, { table: 'table3', row: 'granted', col: 'natural' }));
  });

  it('按明细重算合计 settles a doubt about a printed total, not one about a detail', () => {
    const r = setCell(imported(), { table: 'table3', row: 'granted', col: 'total' }, 1);
    const next = computeTotalsFromDetails(template2021, r);
    expect(next.meta.totals).toBe('computed');
    expect(Object.keys(next.meta.toConfirm!)).toEqual(['table3.granted.natural']);
    expect(getCell(next, { table: 'table3', row: 'granted', col: 'total' })).not.toBe(1);
  });

  it('is kept by the draft schema; a key that is no cell of the template or a note too long is refused in Chinese', () => {
    expect(draftReportSchema(template2021).parse(imported()).meta.toConfirm).toEqual(imported().meta.toConfirm);
    const forged = imported();
    forged.meta.toConfirm = { 'table3.granted.nobody': 'x' };
    const bad = draftReportSchema(template2021).safeParse(forged);
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toBe('待核对的单元格不存在');
    const long = imported();
    long.meta.toConfirm = { 'table3.granted.natural': '长'.repeat(301) };
    expect(draftReportSchema(template2021).safeParse(long).error!.issues[0].message).toMatch(/核对说明不能超过 300 字/);
  });

  it('a doubted number carried into next year (上年结转, 现行有效件数) stays doubted there; a checked one does not', () => {
    const { carryOver: carry, stock } = template2021.crossYear;
    const last = imported();
    const from = `${carry.table}.${carry.fromRow}.natural`;
    const stockId = `${stock.table}.${stock.rows[0]}.${stock.stockCol}`;
    last.meta.toConfirm = { [from]: '原文在格内折行印作「1」「2」，已合为 12', [stockId]: '这一行的数字少于列数' };
    const next = carryOver(template2021, blankReport(template2021, { agencyName: '某街道办事处', year: last.meta.year + 1 }), last);
    expect(Object.keys(next.meta.toConfirm!).sort()).toEqual([`${carry.table}.${carry.toRow}.natural`, stockId].sort());
    expect(next.meta.toConfirm![`${carry.table}.${carry.toRow}.natural`]).toMatch(/^取自上年报告，上年导入时存疑且未核对：原文在格内折行/);
    expect(draftReportSchema(template2021).safeParse(next).success).toBe(true);
    const checked = carryOver(template2021, blankReport(template2021, { agencyName: '某街道办事处', year: last.meta.year + 1 }), confirmCells(last, [from, stockId]));
    expect('toConfirm' in checked.meta).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { isBlockPaste, parseCellInput, parsePasteBlock, toHalfWidth } from './parse';

describe('parseCellInput', () => {
  it('keeps an empty input blank, never 0', () => {
    expect(parseCellInput('', 'count')).toEqual({ ok: true, value: null });
    expect(parseCellInput('  ', 'count')).toEqual({ ok: true, value: null });
  });
  it('accepts integers, full-width digits and thousands separators', () => {
    expect(parseCellInput('0', 'count')).toEqual({ ok: true, value: 0 });
    expect(parseCellInput('１２３', 'count')).toEqual({ ok: true, value: 123 });
    expect(parseCellInput('3,985,758', 'count')).toEqual({ ok: true, value: 3985758 });
  });
  it('refuses negatives, decimals and words for counts', () => {
    expect(parseCellInput('-1', 'count')).toMatchObject({ ok: false, message: '不能填负数' });
    expect(parseCellInput('1.5', 'count').ok).toBe(false);
    expect(parseCellInput('无', 'count').ok).toBe(false);
  });
  it('keeps amounts as exact decimal strings', () => {
    expect(parseCellInput('59237.2449', 'amount')).toEqual({ ok: true, value: '59237.2449' });
    expect(parseCellInput('0096171.6', 'amount')).toEqual({ ok: true, value: '96171.6' });
    expect(parseCellInput('1.23456', 'amount').ok).toBe(false);
    expect(parseCellInput('-3', 'amount').ok).toBe(false);
  });
});

describe('paste blocks', () => {
  it('splits an Excel block and drops the trailing newline', () => {
    expect(parsePasteBlock('1\t2\t\r\n3\t4\t5\r\n')).toEqual([
      ['1', '2', ''],
      ['3', '4', '5'],
    ]);
  });
  it('tells a block from a single value', () => {
    expect(isBlockPaste('12')).toBe(false);
    expect(isBlockPaste('12\n')).toBe(false);
    expect(isBlockPaste('1\t2')).toBe(true);
    expect(isBlockPaste('1\n2')).toBe(true);
  });
});

describe('toHalfWidth', () => {
  it('turns IME digits and decimal points into ASCII and leaves the rest', () => {
    expect(toHalfWidth('１２．５')).toBe('12.5');
    expect(toHalfWidth('３。')).toBe('3.');
    expect(toHalfWidth('abc')).toBe('abc');
  });
});

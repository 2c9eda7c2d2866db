import { describe, expect, test } from 'vitest';
import { toCsv } from './csv';
import { parseCsv } from '../../test/support/csv';

describe('toCsv', () => {
  test('UTF-8 BOM, CRLF after every row, Chinese as is', () => {
    const csv = toCsv([
      ['表', '行', '列', '值'],
      ['三', '一、本年新收政府信息公开申请数量', '自然人', '12'],
    ]);
    expect(csv).toBe('\uFEFF表,行,列,值\r\n三,一、本年新收政府信息公开申请数量,自然人,12\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  test('RFC 4180 quoting: commas, quotes and newlines survive a round trip', () => {
    const rows = [['甲,乙', '他说"好"', '第一行\n第二行', 'a\r\nb', '', '普通']];
    const csv = toCsv(rows);
    expect(csv).toBe('\uFEFF"甲,乙","他说""好""","第一行\n第二行","a\r\nb",,普通\r\n');
    expect(parseCsv(csv.slice(1))).toEqual(rows);
  });

  test('formula-like text is neutralised with a leading quote', () => {
    const rows = [['=HYPERLINK("http://x","y")', '@SUM(1)', '-1+2', '+1', '\t=1+1', '\r=1+1', '=1,2']];
    expect(parseCsv(toCsv(rows).slice(1))).toEqual([
      ["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(1)", "'-1+2", "'+1", "'\t=1+1", "'\r=1+1", "'=1,2"],
    ]);
    expect(toCsv([['=HYPERLINK("http://x","y")']])).toBe('\uFEFF"\'=HYPERLINK(""http://x"",""y"")"\r\n');
  });

  test('numbers stay numbers; text that only looks odd further in is untouched', () => {
    const csv = toCsv([[12, -3, 0.5, '-3', '-0.25', '1+1', 'a=b', '卫滨区-中同街', ' =1', null]]);
    expect(csv).toBe('\uFEFF12,-3,0.5,-3,-0.25,1+1,a=b,卫滨区-中同街, =1,\r\n');
  });

  test('no rows: just the BOM', () => {
    expect(toCsv([])).toBe('\uFEFF');
  });
});

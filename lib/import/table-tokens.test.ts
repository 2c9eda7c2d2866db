import { describe, expect, it } from 'vitest';
import type { CleanLine } from './clean-lines';
import { repeatedHeaderLines, tokenize } from './table-tokens';

const lines = (texts: string[]): CleanLine[] => texts.map((text, i) => ({ no: i + 1, text }));

describe('a column header printed again where a table continues', () => {
  const header = ['申请人情况', '自然人\t法人或其他组织\t总计', '商业企业\t科研机构'];

  it('is left out, so a row label broken by it is one label again', () => {
    const ls = lines([...header, '一、本年新收\t1\t2\t3', '3.危及“三', '0\t0\t0', ...header, '安全一稳定”', '4.保护第三方合法权益\t4\t5\t6']);
    expect([...repeatedHeaderLines(ls, 0, ls.length)]).toEqual([6, 7, 8]);
    const text = tokenize(ls, 0, ls.length)
      .filter((t) => t.kind === 'text')
      .map((t) => (t.kind === 'text' ? t.key : ''))
      .join('');
    expect(text).toContain('3.危及三安全一稳定4.保护');
  });

  it('keeps a single line that happens to read like a line of the header, and lines with numbers', () => {
    const ls = lines([...header, '一、本年新收\t1\t2\t3', '申请人情况', '二、上年结转\t4\t5\t6', '申请人情况\t7', '自然人\t法人或其他组织\t总计\t8', '商业企业\t科研机构']);
    expect([...repeatedHeaderLines(ls, 0, ls.length)]).toEqual([]);
  });

  it('a table with no header above its first value has nothing to repeat', () => {
    const ls = lines(['规章\t1\t2\t3', '规章\t1\t2\t3', '规章\t1\t2\t3']);
    expect(repeatedHeaderLines(ls, 0, ls.length).size).toBe(0);
  });
});

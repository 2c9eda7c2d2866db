import { describe, expect, it } from 'vitest';
import { cjkHyphenation, keepSpaces, NO_BREAK_SPACE as NB } from './cjk-break';

/** The pieces between break points (empty strings are the break points). */
const pieces = (w: string) => cjkHyphenation(w).filter((p) => p !== '');

describe('cjkHyphenation', () => {
  it('lets a line break between any two Chinese characters, without hyphens', () => {
    expect(cjkHyphenation('政府信息')).toEqual(['政', '', '府', '', '信', '', '息']);
    expect(cjkHyphenation('政府信息').join('')).toBe('政府信息');
  });

  it('never breaks before closing or after opening punctuation (避头尾)', () => {
    expect(pieces('公开，“应公开”（含）。')).toEqual(['公', '开，', '“应', '公', '开”', '（含）。']);
  });

  it('keeps numbers, Latin words, decimals, ——and …… whole', () => {
    expect(pieces('2024年共3985758件')).toEqual(['2024', '年', '共', '3985758', '件']);
    expect(pieces('96171.6234万元')).toEqual(['96171.6234', '万', '元']);
    expect(pieces('一是——二是……')).toEqual(['一', '是——', '二', '是……']);
  });

  it('keeps a space with what precedes it, so that no piece is a bare (stretchable) space', () => {
    const word = keepSpaces('推 进。  本年 2024 年');
    expect(word).not.toContain(' ');
    expect(cjkHyphenation(word).join('')).toBe(word);
    expect(pieces(word)).toEqual([`推${NB}`, `进。${NB}${NB}`, '本', `年${NB}`, `2024${NB}`, '年']);
    expect(pieces(`${NB}政府`)).toEqual([`${NB}政`, '府']);
  });

  it('leaves a single character alone', () => {
    expect(cjkHyphenation('政')).toEqual(['政']);
  });
});

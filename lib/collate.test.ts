import { describe, expect, it } from 'vitest';
import { sortByPinyin } from './collate';

describe('sortByPinyin', () => {
  it('orders 河南 cities by pinyin, not by code point', () => {
    const cities = ['三门峡市', '安阳市', '平顶山市', '郑州市', '开封市', '洛阳市'].map((name) => ({ name }));
    expect(sortByPinyin(cities, (c) => c.name).map((c) => c.name)).toEqual(['安阳市', '开封市', '洛阳市', '平顶山市', '三门峡市', '郑州市']);
  });
});

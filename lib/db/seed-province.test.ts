import { describe, expect, test } from 'vitest';
import { DEMO } from './seed';
import { PROVINCE_DEMO, PROVINCE_SHAPE, provinceTree } from './seed-province';

describe('the province demo tree', () => {
  const tree = provinceTree();
  const parentOf = new Map(tree.map((t) => [t.name, t.parent]));
  const depth = (name: string): number => (parentOf.get(name) ? 1 + depth(parentOf.get(name)!) : 0);

  test('about 5 000 agencies, names unique, parents before children', () => {
    expect(tree.length).toBeGreaterThan(4_800);
    expect(tree.length).toBeLessThan(5_200);
    expect(new Set(tree.map((t) => t.name)).size).toBe(tree.length);
    const seen = new Set<string>();
    for (const t of tree) {
      if (t.parent) expect(seen.has(t.parent), t.name).toBe(true);
      seen.add(t.name);
    }
  });

  test('省 → 市 → 区县 → units, with each city’s own departments', () => {
    const cities = tree.filter((t) => t.parent === PROVINCE_DEMO.province);
    expect(cities).toHaveLength(PROVINCE_SHAPE.cities);
    expect(Math.max(...tree.map((t) => depth(t.name)))).toBe(3);
    const anyang = tree.filter((t) => t.parent === '安阳市').map((t) => t.name);
    expect(anyang).toContain('文峰区');
    expect(anyang).toContain('安阳市教育局');
    expect(tree.filter((t) => t.parent === '文峰区')).toHaveLength(PROVINCE_SHAPE.unitsPerDistrict);
  });

  test('the demo district and its offices are in it, so the demo accounts work', () => {
    expect(parentOf.get(DEMO.district)).toBe('安阳市');
    for (const o of DEMO.offices) expect(parentOf.get(o)).toBe(DEMO.district);
    for (const a of [...DEMO.accounts, ...PROVINCE_DEMO.accounts]) expect(parentOf.has(a.agency), a.agency).toBe(true);
  });

  test('a larger shape for the benchmarks: numbered units once the names run out', () => {
    const big = provinceTree({ cities: 2, districtsPerCity: 2, unitsPerDistrict: 200, cityDepartments: 0 });
    expect(new Set(big.map((t) => t.name)).size).toBe(big.length);
    expect(big.some((t) => t.name.endsWith('第1社区居民委员会'))).toBe(true);
    expect(big.length).toBe(1 + 2 + 4 + 800);
  });
});

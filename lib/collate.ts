/**
 * Chinese names in pinyin order (安阳市, 开封市, 平顶山市, 三门峡市 …), not in code-point order
 * (三门峡市, 安阳市, 平顶山市 …) as the database's `order by name` gives them. The one comparator
 * for every list of agencies, cities and accounts a person reads (review lists, summaries, the
 * package, the insight, /admin).
 */
const collator = new Intl.Collator('zh-CN');

export const byPinyin = (a: string, b: string): number => collator.compare(a, b);

/** `rows` sorted by `name(row)` in pinyin order (a new array; the sort is stable, so ties keep their order). */
export function sortByPinyin<T>(rows: readonly T[], name: (row: T) => string): T[] {
  return [...rows].sort((a, b) => collator.compare(name(a), name(b)));
}

import type { ReportDiff } from './types';

/**
 * 「表三 3 个单元格、2 个文字部分有改动」: one line for a list of versions or a notification.
 * Tables are named as the diff names them (from the template), in the order they appear; cells
 * that only went from blank to 0 or back are counted apart, after the real changes.
 */
export function describeDiff(diff: Pick<ReportDiff, 'meta' | 'cells' | 'texts'>): string {
  const parts: string[] = [];
  if (diff.meta.length) parts.push(`基本信息 ${diff.meta.length} 项`);
  const perTable = new Map<string, number>();
  let blankVsZero = 0;
  for (const c of diff.cells) {
    if (c.blankVsZero) blankVsZero++;
    else perTable.set(c.tableName, (perTable.get(c.tableName) ?? 0) + 1);
  }
  for (const [name, n] of perTable) parts.push(`${name} ${n} 个单元格`);
  if (diff.texts.length) parts.push(`${diff.texts.length} 个文字部分`);
  const blanks = blankVsZero ? `另有 ${blankVsZero} 个单元格只是空白与 0 之别` : '';
  if (!parts.length) return blanks ? `数字和文字没有实质改动；${blanks}` : '没有改动';
  return `${parts.join('、')}有改动${blanks ? `；${blanks}` : ''}`;
}

import type { ReportDiff } from './types';

/**
 * 「表三 3 个单元格、2 个文字部分有改动」: one line for a list of versions or a notification.
 * Tables are named as the diff names them (from the template), in the order they appear.
 */
export function describeDiff(diff: Pick<ReportDiff, 'meta' | 'cells' | 'texts'>): string {
  const parts: string[] = [];
  if (diff.meta.length) parts.push(`基本信息 ${diff.meta.length} 项`);
  const perTable = new Map<string, number>();
  for (const c of diff.cells) perTable.set(c.tableName, (perTable.get(c.tableName) ?? 0) + 1);
  for (const [name, n] of perTable) parts.push(`${name} ${n} 个单元格`);
  if (diff.texts.length) parts.push(`${diff.texts.length} 个文字部分`);
  return parts.length ? `${parts.join('、')}有改动` : '没有改动';
}

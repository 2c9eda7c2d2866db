import Link from 'next/link';
import type { SummaryChild } from '@/lib/summary/district';
import { getCell } from '@/lib/report';
import { currentTemplate } from '@/lib/template/registry';
import { tableCells } from '@/lib/template/walk';

// Two headline figures per agency, labelled as the template prints them.
const HEADLINES = [
  { table: 'table3', row: 'newReceived', col: 'total' },
  { table: 'table3', row: 'resultsTotal', col: 'total' },
] as const;
const headlines = HEADLINES.map((ref) => {
  const cell = tableCells(currentTemplate, ref.table).find((c) => c.row === ref.row && c.col === ref.col)!;
  // 「一、本年新收政府信息公开申请数量」, 「三、本年度办理结果」 (its 总计): the heading without its numeral.
  return { ref, label: cell.rowPath[0].replace(/^[一二三四五六七八九十]+、/, '') };
});

/**
 * The roll-up: each agency directly below, with the figures of its whole subtree and how far
 * the subtree has got. An agency with others below links to its own summary (drill-down); one
 * without, to its report.
 */
export function SummaryChildren({ items, href }: { items: SummaryChild[]; href: (c: SummaryChild) => string | null }) {
  return (
    <table className="list stacked" data-testid="summary-children">
      <caption className="visually-hidden">下级机关汇总及完成情况</caption>
      <thead>
        <tr>
          <th scope="col">下级机关</th>
          <th scope="col">机关数</th>
          <th scope="col">已通过 / 已提交 / 未完成</th>
          <th scope="col">计入份数</th>
          {headlines.map((h) => (
            <th key={h.ref.row} scope="col">
              {h.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((c) => {
          const link = href(c);
          const open = c.counts.none + c.counts.draft + c.counts.returned;
          return (
            <tr key={c.agencyId} data-agency={c.agencyName}>
              <td data-label="下级机关">{link ? <Link href={link}>{c.agencyName}</Link> : c.agencyName}</td>
              <td data-label="机关数">{c.agencies}</td>
              <td data-label="已通过 / 已提交 / 未完成">
                {c.counts.approved} / {c.counts.submitted} / {open}
              </td>
              <td data-label="计入份数">{c.included}</td>
              {headlines.map((h) => (
                <td key={h.ref.row} data-label={h.label}>
                  {c.included ? String(getCell(c.report, h.ref) ?? '—') : '—'}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import Link from 'next/link';
import { formatFigure, SMALL_BASE_MAX, type Indicator, type IndicatorKey } from '@/lib/insight/indicators';
import { branchColumns, type Branch } from '@/lib/insight/branches';

/**
 * The level directly below, each agency with its units' figures added up. An agency with others
 * below links to its own analysis (drill-down); a unit, to its report.
 */
export function BranchTable({ branches, indicators, rank, href }: { branches: Branch[]; indicators: Indicator[]; rank: IndicatorKey; href: (b: Branch) => string | null }) {
  const columns = branchColumns(rank).map((k) => indicators.find((i) => i.key === k)!);
  return (
    <table className="list stacked" data-testid="insight-branches">
      <caption className="visually-hidden">下级机关的指标（由其全部下级单位的报告相加）</caption>
      <thead>
        <tr>
          <th scope="col">下级机关</th>
          <th scope="col" className="num">
            计入单位
          </th>
          {columns.map((c) => (
            <th key={c.key} scope="col" className="num">
              {c.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {branches.map((b) => {
          const link = href(b);
          return (
            <tr key={b.agencyId} data-agency={b.agencyName}>
              <th scope="row" data-label="下级机关">
                {link ? <Link href={link}>{b.agencyName}</Link> : b.agencyName}
              </th>
              <td data-label="计入单位" className="num">
                {b.units}
              </td>
              {columns.map((c) => {
                const f = b.figures[c.key];
                return (
                  <td key={c.key} data-label={c.name} className="num">
                    {formatFigure(f.kind, f.value)}
                    {f.smallBase && (
                      <span className="badge small-base" title={`分母不超过 ${SMALL_BASE_MAX} 件，比率不足以说明趋势`}>
                        基数小
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

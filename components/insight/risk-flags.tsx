import Link from 'next/link';
import type { RiskFlag, RiskRule } from '@/lib/insight/risk';

const ORDER: RiskRule[] = ['correction', 'swing', 'totals', 'late'];

/** The risk rules as stated for this installation, each with the units it flags and their evidence. */
export function RiskFlags({ flags, ruleTexts }: { flags: RiskFlag[]; ruleTexts: Record<RiskRule, string> }) {
  return (
    <ul className="risk-rules" data-testid="risk-flags">
      {ORDER.map((rule) => {
        const mine = flags.filter((f) => f.rule === rule);
        return (
          <li key={rule} data-rule={rule}>
            <strong>{ruleTexts[rule]}</strong>：{mine.length ? `${mine.length} 个单位` : '无'}
            {mine.length > 0 && (
              <ul>
                {mine.map((f) => (
                  <li key={`${f.agencyId}-${rule}`} data-agency={f.agencyName}>
                    {f.reportId ? <Link href={`/reports/${f.reportId}`}>{f.agencyName}</Link> : f.agencyName}：{f.message}
                    {f.cells.length > 0 && (
                      <details className="flag-cells">
                        <summary>单元格</summary>
                        <ul>
                          {f.cells.map((c) => (
                            <li key={c.id} data-cell={c.id}>
                              {c.label}：{c.value === null ? '空（按 0 计）' : c.value}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

import type { Finding } from '@/lib/checks/types';

/**
 * The hard checks on the sum, with both sides of each equation: an imbalance here means that
 * some agency's figures do not add up, and the district must not publish the sum as it is.
 */
export function SummaryFindings({ findings, included }: { findings: Finding[]; included: number }) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <section className="card" aria-labelledby="summary-checks-title">
      <h2 id="summary-checks-title">汇总数据检查</h2>
      <p role="status" data-testid="summary-check-status">
        {included === 0
          ? '没有计入汇总的报告，无需检查。'
          : findings.length === 0
            ? '汇总数据全部平衡：各表的合计与明细一致。'
            : `错误 ${errors} 条，提示 ${findings.length - errors} 条`}
      </p>
      {findings.length > 0 && (
        <ul data-testid="summary-findings">
          {findings.map((f) => (
            <li key={f.id} data-rule={f.rule} data-severity={f.severity}>
              <strong>{f.severity === 'error' ? '错误' : '提示'}</strong> {f.message}
              {f.lhs && f.rhs && (
                <span className="hint">
                  {' '}
                  （{f.lhs.label} = {f.lhs.value}；{f.rhs.label} = {f.rhs.value}
                  {f.difference !== undefined ? `；相差 ${f.difference}` : ''}）
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

'use client';
import type { Finding } from '@/lib/checks/types';
import { findingCounts } from '@/lib/checks';

/**
 * Every finding in plain Chinese, errors first, with both sides of the equation and the
 * difference. Choosing one jumps to its cells or text.
 */
export function CheckPanel({ findings, activeId, onSelect }: { findings: Finding[]; activeId: string | null; onSelect(f: Finding): void }) {
  const { errors, warnings } = findingCounts(findings);
  return (
    <aside className="checks" aria-labelledby="checks-title">
      <header>
        <h2 id="checks-title">检查结果</h2>
        <div className="summary" role="status" aria-live="polite" data-testid="check-summary">
          {findings.length === 0 ? '全部通过' : `错误 ${errors} 条，提示 ${warnings} 条`}
        </div>
      </header>
      {findings.length === 0 ? (
        <p className="empty">所有检查均已通过。</p>
      ) : (
        <ul data-testid="findings">
          {findings.map((f) => (
            <li key={f.id} data-rule={f.rule} data-severity={f.severity}>
              <button type="button" onClick={() => onSelect(f)} aria-current={activeId === f.id ? 'true' : undefined}>
                <span className={`sev ${f.severity}`}>{f.severity === 'error' ? '错误' : '提示'}</span>
                {f.message}
                {f.lhs && f.rhs && (
                  <span className="eq">
                    {f.lhs.label} = {f.lhs.value}；{f.rhs.label} = {f.rhs.value}
                    {f.difference !== undefined ? `；相差 ${f.difference}` : ''}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

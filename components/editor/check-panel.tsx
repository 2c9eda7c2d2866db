'use client';
import type { Finding } from '@/lib/checks/types';
import { findingCounts } from '@/lib/checks';

/**
 * Every finding in plain Chinese, errors first, with both sides of the equation and the
 * difference. Choosing one jumps to its cells or text.
 */
export function CheckPanel({
  findings,
  activeId,
  onSelect,
  onConfirm,
}: {
  findings: Finding[];
  activeId: string | null;
  onSelect(f: Finding): void;
  /** Whoever may edit: an imported doubt (IMPORT) can be confirmed as matching the original. */
  onConfirm?(f: Finding): void;
}) {
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
            <li key={f.id} data-rule={f.rule} data-severity={f.severity} className={onConfirm && f.rule === 'IMPORT' ? 'with-action' : undefined}>
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
              {onConfirm && f.rule === 'IMPORT' && (
                <button type="button" className="confirm" onClick={() => onConfirm(f)} aria-label={`核对无误：${f.message.split('导入时存疑')[0]}`}>
                  核对无误
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

import { describe, expect, it } from 'vitest';
import { availableTransitions, isEditableStatus, nextStatus, reportStatuses, TRANSITIONS } from './transitions';

describe('the review state machine', () => {
  it('follows 草稿 → 已提交 → 已退回 → 已提交 → 已通过', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('returned', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'approve')).toBe('approved');
  });

  it('refuses every transition from a status it does not start from', () => {
    const allowed = new Set(Object.values(TRANSITIONS).flatMap((t) => t.from.map((f) => `${t.key}:${f}`)));
    for (const t of Object.values(TRANSITIONS)) {
      for (const s of reportStatuses) expect(nextStatus(s, t.key) !== null).toBe(allowed.has(`${t.key}:${s}`));
    }
    expect(nextStatus('approved', 'submit')).toBeNull();
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('returned', 'approve')).toBeNull();
  });

  it('offers filers only submitting, reviewers only returning and approving', () => {
    expect(availableTransitions('draft', 'filer').map((t) => t.key)).toEqual(['submit']);
    expect(availableTransitions('submitted', 'filer')).toEqual([]);
    expect(availableTransitions('submitted', 'reviewer').map((t) => t.key).sort()).toEqual(['approve', 'return']);
    expect(availableTransitions('draft', 'reviewer')).toEqual([]);
    expect(availableTransitions('submitted', 'admin')).toEqual([]);
    expect(TRANSITIONS.return.needsReason).toBe(true);
  });

  it('lets the filer edit only drafts and returned reports', () => {
    expect(reportStatuses.filter(isEditableStatus)).toEqual(['draft', 'returned']);
  });
});

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
    // The workflow as the offices run it, written out here rather than read from TRANSITIONS
    // (the table under test): submit a draft or a returned report; return a submitted one, or an
    // approved one found wrong later; approve only what was submitted.
    const allowed = new Set(['submit:draft', 'submit:returned', 'return:submitted', 'return:approved', 'approve:submitted']);
    for (const key of ['submit', 'return', 'approve'] as const) {
      for (const s of reportStatuses) expect(nextStatus(s, key) !== null, `${key} from ${s}`).toBe(allowed.has(`${key}:${s}`));
    }
    expect(Object.keys(TRANSITIONS).sort()).toEqual(['approve', 'return', 'submit']);
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

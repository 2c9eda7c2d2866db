import { describe, expect, it } from 'vitest';
import { can, canAtOwnAgency, type OwnAgencyAction } from './permissions';
import type { Role, SessionUser } from './types';

const user = (role: Role): SessionUser => ({ id: 'u', username: role, displayName: role, role, agencyId: 'district', agencyName: '文峰区' });
const ACTIONS: OwnAgencyAction[] = ['admin.open', 'district.read', 'summary.read', 'deadline.set'];

describe('can(): the district, summary, deadline and admin actions', () => {
  it('lets reviewers and admins at their district, admins alone into administration, filers nowhere', () => {
    const allowed = Object.fromEntries(
      (['filer', 'reviewer', 'admin'] as const).map((role) => [role, ACTIONS.filter((a) => canAtOwnAgency(user(role), a))]),
    );
    expect(allowed).toEqual({
      filer: [],
      reviewer: ['district.read', 'summary.read', 'deadline.set'],
      admin: ['admin.open', 'district.read', 'summary.read', 'deadline.set'],
    });
  });

  it('answers no outside the scope, whatever the role', () => {
    for (const a of ACTIONS) expect(can(user('admin'), a, { agencyId: 'elsewhere' }, { agencyIds: new Set(['district']) })).toBe(false);
  });
});

describe('can(): whose reports a reviewer approves or returns', () => {
  const reviewer = { ...user('reviewer'), agencyId: 'city' };
  const agencyIds = new Set(['city', 'district', 'office']);

  it('any report of the subtree, when the scope names no reviewable agencies', () => {
    for (const agencyId of agencyIds) expect(can(reviewer, 'report.review', { agencyId, status: 'submitted' }, { agencyIds })).toBe(true);
  });

  it('only those named reviewable (the agencies directly below), while reading and commenting on all', () => {
    const scope = { agencyIds, reviewable: new Set(['district']) };
    expect(can(reviewer, 'report.review', { agencyId: 'district', status: 'submitted' }, scope)).toBe(true);
    expect(can(reviewer, 'report.review', { agencyId: 'office', status: 'submitted' }, scope)).toBe(false);
    expect(can(reviewer, 'report.read', { agencyId: 'office' }, scope)).toBe(true);
    expect(can(reviewer, 'report.comment', { agencyId: 'office' }, scope)).toBe(true);
  });
});

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

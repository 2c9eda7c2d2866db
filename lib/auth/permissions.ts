/**
 * The one permission function. Every service asks it before it reads or writes, with the set
 * of agencies the user may see (their own agency and, for reviewers and admins, every agency
 * below it). Anything outside that set is answered as not found, never as forbidden.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import type { ReportStatus } from '../review/transitions';
import type { SessionUser } from './types';
import { env } from '../env';
import { isEditableStatus } from '../review/transitions';

export type Action =
  | 'report.read'
  | 'report.create'
  | 'report.edit'
  | 'report.submit'
  | 'report.review'
  | 'report.comment'
  | 'comment.resolve'
  /** A read-only preview link for someone without an account (lib/server/preview-links.ts). */
  | 'report.share'
  /** Create, rename and move agencies in the subtree; the resource is the agency itself. */
  | 'agency.manage'
  /** Create, edit, reset and (de)activate accounts; the resource is the account's agency. */
  | 'account.manage'
  /** Open 系统管理 at all; the resource is the admin's own agency. */
  | 'admin.open'
  /** The district's list of reports (辖区报告); the resource is the district (own agency). */
  | 'district.read'
  /** The district's sums (辖区汇总); the resource is the district. */
  | 'summary.read'
  /** The deadline of the agencies under a district; the resource is the district. */
  | 'deadline.set';

export type ReportResource = { agencyId: string; status?: ReportStatus };

/**
 * The agencies a user may see: their own, plus the subtree below it for reviewers and admins;
 * and those whose reports a reviewer may approve or return, when fewer than all (the agencies
 * directly below, with NIANBAO_REVIEW_SCOPE=children).
 */
export type Scope = { agencyIds: ReadonlySet<string>; reviewable?: ReadonlySet<string> };


export function can(user: SessionUser, action: Action, resource: ReportResource, scope: Scope): boolean {
  if (!scope.agencyIds.has(resource.agencyId)) return false;
  switch (action) {
    case 'report.read':
      return true;
    case 'report.create':
      return user.role === 'admin' || (user.role === 'filer' && resource.agencyId === user.agencyId);
    case 'report.edit':
    case 'report.submit':
      // Submitted and approved reports are frozen for the filer until returned.
      return user.role === 'filer' && resource.agencyId === user.agencyId && isEditableStatus(resource.status ?? 'draft');
    case 'report.review':
      return user.role === 'reviewer' && (scope.reviewable?.has(resource.agencyId) ?? true);
    case 'report.comment':
      return user.role === 'reviewer';
    case 'comment.resolve':
      return user.role === 'reviewer' || (user.role === 'filer' && resource.agencyId === user.agencyId);
    case 'report.share':
      return user.role === 'reviewer';
    case 'agency.manage':
    case 'account.manage':
    case 'admin.open':
      return user.role === 'admin';
    case 'district.read':
    case 'summary.read':
    case 'deadline.set':
      // A filer has no district: nothing below their own office.
      return user.role === 'reviewer' || user.role === 'admin';
  }
}

/** Actions on the user's own agency (their district, their administration): always in scope. */
export type OwnAgencyAction = Extract<Action, 'admin.open' | 'district.read' | 'summary.read' | 'deadline.set'>;

/** `can()` for an action whose resource is the user's own agency — pages ask it before any query. */
export function canAtOwnAgency(user: SessionUser, action: OwnAgencyAction): boolean {
  return can(user, action, { agencyId: user.agencyId }, { agencyIds: new Set([user.agencyId]) });
}

export async function scopeOf(db: Db, user: SessionUser, reviewScope = env().reviewScope): Promise<Scope> {
  if (user.role === 'filer') return { agencyIds: new Set([user.agencyId]) };
  const rows = rowsOf<{ id: string; depth: number }>(
    await db.execute(sql`
      with recursive subtree as (
        select id, 0 as depth from agencies where id = ${user.agencyId}
        union all
        select a.id, s.depth + 1 from agencies a join subtree s on a.parent_id = s.id
      )
      select id, depth from subtree`),
  );
  const agencyIds = new Set(rows.map((r) => r.id));
  if (reviewScope === 'subtree') return { agencyIds };
  return { agencyIds, reviewable: new Set(rows.filter((r) => Number(r.depth) === 1).map((r) => r.id)) };
}

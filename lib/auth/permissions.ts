/**
 * The one permission function. Every service asks it before it reads or writes, with the set
 * of agencies the user may see (their own agency and, for reviewers and admins, every agency
 * below it). Anything outside that set is answered as not found, never as forbidden.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ReportStatus } from '../db/schema';
import type { SessionUser } from './types';
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
  | 'account.manage';

export type ReportResource = { agencyId: string; status?: ReportStatus };

/** The agencies a user may see: their own, plus the subtree below it for reviewers and admins. */
export type Scope = { agencyIds: ReadonlySet<string> };


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
    case 'report.comment':
      return user.role === 'reviewer';
    case 'comment.resolve':
      return user.role === 'reviewer' || (user.role === 'filer' && resource.agencyId === user.agencyId);
    case 'report.share':
      return user.role === 'reviewer';
    case 'agency.manage':
    case 'account.manage':
      return user.role === 'admin';
  }
}

export async function scopeOf(db: Db, user: SessionUser): Promise<Scope> {
  if (user.role === 'filer') return { agencyIds: new Set([user.agencyId]) };
  const rows = await db.execute<{ id: string }>(sql`
    with recursive subtree as (
      select id from agencies where id = ${user.agencyId}
      union all
      select a.id from agencies a join subtree s on a.parent_id = s.id
    )
    select id from subtree`);
  return { agencyIds: new Set(rowsOf<{ id: string }>(rows).map((r) => r.id)) };
}

/** node-postgres answers `{ rows }`, PGlite too; keep the difference in one place. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/**
 * The review workflow as data: 草稿 → 已提交 → 已退回 (→ 已提交 …) | 已通过. Each transition names
 * who may make it, from which statuses, and whether a reason is required. The server applies
 * it atomically (lib/server/review.ts); the UI offers only what `availableTransitions` allows.
 */
import type { Role } from '../auth/types';

/** The statuses of a report, owned by the review workflow; the database stores them as is. */
export const reportStatuses = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export type TransitionKey = 'submit' | 'return' | 'approve';

export type Transition = {
  key: TransitionKey;
  /** What the button says. */
  name: string;
  from: readonly ReportStatus[];
  to: ReportStatus;
  by: Role;
  needsReason: boolean;
};

export const TRANSITIONS: Record<TransitionKey, Transition> = {
  submit: { key: 'submit', name: '提交审核', from: ['draft', 'returned'], to: 'submitted', by: 'filer', needsReason: false },
  // An approved report can be reopened by its reviewer (a mistake found after approval).
  return: { key: 'return', name: '退回修改', from: ['submitted', 'approved'], to: 'returned', by: 'reviewer', needsReason: true },
  approve: { key: 'approve', name: '审核通过', from: ['submitted'], to: 'approved', by: 'reviewer', needsReason: false },
};

export const STATUS_NAMES: Record<ReportStatus | 'none', string> = {
  none: '未开始',
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已通过',
};

/** The status after a transition, or null when the transition does not apply to `status`. */
export function nextStatus(status: ReportStatus, key: TransitionKey): ReportStatus | null {
  const t = TRANSITIONS[key];
  return t.from.includes(status) ? t.to : null;
}

/** The transitions a role may make on a report in `status` (the permission check adds scope). */
export function availableTransitions(status: ReportStatus, role: Role): Transition[] {
  return Object.values(TRANSITIONS).filter((t) => t.by === role && t.from.includes(status));
}

/** Statuses in which the filer may change the content. */
export function isEditableStatus(status: ReportStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/**
 * Whether a reviewer may approve a report of their own agency (the district's own report, filed
 * by its own filer): `allow` (as before) or `deny` — then only a reviewer of an agency above
 * approves it (NIANBAO_SELF_APPROVAL). Returning it stays allowed either way.
 */
export type SelfApprovalPolicy = 'allow' | 'deny';

/** An approval of a report by a reviewer of the report's own agency. */
export function isSelfApproval(key: TransitionKey, actorAgencyId: string, reportAgencyId: string): boolean {
  return key === 'approve' && actorAgencyId === reportAgencyId;
}

export const SELF_APPROVAL_REFUSED = '本机关的报告须由上级机关审核通过，本机关的审核人不能自行通过';

/** False when the policy forbids this transition as a self-approval. */
export function selfApprovalAllowed(policy: SelfApprovalPolicy, key: TransitionKey, actorAgencyId: string, reportAgencyId: string): boolean {
  return policy === 'allow' || !isSelfApproval(key, actorAgencyId, reportAgencyId);
}

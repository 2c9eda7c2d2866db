/**
 * The review workflow: submit, return, approve (atomic, with an audit trail), comments, and the
 * deadlines (the district list is district-overview.ts). Same shape as reports.ts: scope → `can` → zod → queries.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { safeString, versionNumber, z, ZId } from '../validation';
import type { Db } from '../db/client';
import { reportComments, reportDeadlines, reportEvents, reports, users } from '../db/schema';
import { can, canAtOwnAgency, scopeOf } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError, notFound } from '../errors';
import { getTemplate } from '../template/registry';
import { tableCells } from '../template/walk';
import { runChecks } from '../checks';
import { chinaDay } from '../china-time';
import { isRealDate, reportYear } from '../report/schema';
import { nudgePrerender, queueFinalPdf } from './prerender';
import { keepCurrentVersion, readableReport } from './reports';
import { isSelfApproval, nextStatus, reportStatuses, SELF_APPROVAL_REFUSED, selfApprovalAllowed, STATUS_NAMES, TRANSITIONS, type ReportStatus, type TransitionKey } from '../review/transitions';
import { env } from '../env';
import { cellId } from '../report/cells';

const MAX_REASON = 1000;
const MAX_COMMENT = 2000;

const loadForReview = readableReport;

const ZTransition = z.object({
  transition: z.enum(['submit', 'return', 'approve']),
  /** The status and the version the user saw: the transition is made on exactly that. */
  from: z.enum(reportStatuses),
  version: versionNumber(),
  reason: safeString().trim().max(MAX_REASON, `理由不能超过 ${MAX_REASON} 字`).default(''),
  /** 「仍然通过」: the reviewer approves despite the check errors the dialog listed, with a reason. */
  override: z.boolean().default(false),
  /**
   * 审核通过: the day the report is published (YYYY-MM-DD), asked in the approval dialog
   * (default: today in Beijing). Written into the report's 发布日期 — the date line under the
   * title of the final PDF, the DOCX and the publication page, and the package's index.
   */
  publishDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '发布日期格式应为 年-月-日')
    .refine(isRealDate, '发布日期不是有效日期')
    .optional(),
});

/** 2026-01-20 → 2026年1月20日 */
const dateText = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`);

export type TransitionResult = { status: ReportStatus; version: number };

/**
 * Moves a report to its next status. Submission is refused while any hard check fails, with the
 * list of errors. The UPDATE names the status and the version it expects, so two reviewers
 * acting at once, or a filer submitting while a reviewer returns, leave exactly one outcome —
 * and the event is written in the same transaction, so the trail is always complete.
 */
export async function transitionReport(db: Db, user: SessionUser, id: string, input: unknown, selfApproval = env().selfApproval): Promise<TransitionResult> {
  const parsed = ZTransition.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '请求无效');
  const { transition: key, from, version, override, publishDate } = parsed.data;
  let { reason } = parsed.data;
  const t = TRANSITIONS[key as TransitionKey];
  const { row, scope } = await loadForReview(db, user, id);
  const action = key === 'submit' ? 'report.submit' : 'report.review';
  if (!can(user, action, row, scope) || t.by !== user.role) throw new AppError('FORBIDDEN', `您不能对此报告执行「${t.name}」`);
  if (!selfApprovalAllowed(selfApproval, key, user.agencyId, row.agencyId)) throw new AppError('FORBIDDEN', SELF_APPROVAL_REFUSED);
  const to = nextStatus(row.status, key);
  if (row.status !== from || !to) throw new AppError('CONFLICT', `报告状态已变为「${STATUS_NAMES[row.status]}」，请刷新页面`);
  if (t.needsReason && !reason) throw new AppError('INVALID', '请填写退回理由');
  if (row.version !== version) throw new AppError('CONFLICT', '报告已更新，请刷新页面后再操作');
  if (key === 'submit') {
    const errors = runChecks(getTemplate(row.edition), row.content).filter((f) => f.severity === 'error');
    if (errors.length) {
      throw new AppError('INVALID', `报告还有 ${errors.length} 处错误，改正后才能提交审核`, {
        errors: errors.map((f) => ({ id: f.id, rule: f.rule, message: f.message })),
      });
    }
  }
  if (key === 'approve') {
    // The reviewer sees the errors before approving: approving over them is a second, explicit
    // choice (「仍然通过」) whose reason goes into the history with the number of errors.
    const errors = runChecks(getTemplate(row.edition), row.content).filter((f) => f.severity === 'error');
    if (errors.length && !override) {
      throw new AppError('INVALID', `报告有 ${errors.length} 处检查错误。如仍要通过，请选择「仍然通过」并写明理由`, {
        errors: errors.map((f) => ({ id: f.id, rule: f.rule, message: f.message })),
      });
    }
    if (override && !reason) throw new AppError('INVALID', '请填写仍然通过的理由');
    if (override) reason = `仍然通过（检查有 ${errors.length} 处错误）：${reason}`;
    if (publishDate) {
      const { periodEnd } = row.content.meta;
      if (isRealDate(periodEnd) && publishDate <= periodEnd) throw new AppError('INVALID', `发布日期应在统计期限结束（${periodEnd}）之后`);
    }
  }
  // The publication date is part of what is published: set at approval, it makes a new version
  // (the one reviewed is kept first), and the history says so.
  const dated = key === 'approve' && publishDate !== undefined && publishDate !== row.content.meta.publishDate;
  if (dated) reason = [reason, `发布日期定为${dateText(publishDate!)}`].filter(Boolean).join('；');
  const done = await db.transaction(async (tx) => {
    if (dated) await keepCurrentVersion(tx, id);
    const [updated] = await tx
      .update(reports)
      .set(
        dated
          ? {
              status: to,
              content: sql`jsonb_set(${reports.content}, '{meta,publishDate}', to_jsonb(${publishDate}::text))`,
              version: sql`${reports.version} + 1`,
              updatedAt: sql`now()`,
              updatedBy: user.id,
            }
          : { status: to },
      )
      .where(and(eq(reports.id, id), eq(reports.status, from), eq(reports.version, version)))
      .returning({ status: reports.status, version: reports.version });
    if (!updated) return null;
    await tx.insert(reportEvents).values({ reportId: id, actorId: user.id, fromStatus: from, toStatus: to, version: updated.version, reason });
    await keepCurrentVersion(tx, id);
    // Its final PDF is rendered ahead (lib/server/prerender.ts): no approval without its job.
    if (to === 'approved') await queueFinalPdf(tx, id, updated.version);
    return updated;
  });
  if (!done) throw new AppError('CONFLICT', '报告状态已被他人更改，请刷新页面');
  if (to === 'approved') nudgePrerender();
  return { status: done.status, version: done.version };
}

export type TimelineEntry = {
  at: string;
  actorName: string;
  from: ReportStatus;
  to: ReportStatus;
  reason: string;
  version: number;
  /** Approved by a reviewer of the report's own agency, not of an agency above (NIANBAO_SELF_APPROVAL). */
  selfApproval: boolean;
};

export async function reportTimeline(db: Db, user: SessionUser, id: string): Promise<TimelineEntry[]> {
  const { row: report } = await loadForReview(db, user, id);
  const rows = await db
    .select({
      at: reportEvents.at,
      actorName: users.displayName,
      actorAgencyId: users.agencyId,
      from: reportEvents.fromStatus,
      to: reportEvents.toStatus,
      reason: reportEvents.reason,
      version: reportEvents.version,
    })
    .from(reportEvents)
    .innerJoin(users, eq(users.id, reportEvents.actorId))
    .where(eq(reportEvents.reportId, id))
    .orderBy(asc(reportEvents.at));
  return rows.map(({ actorAgencyId, ...r }) => ({
    ...r,
    at: r.at.toISOString(),
    selfApproval: r.to === 'approved' && isSelfApproval('approve', actorAgencyId, report.agencyId),
  }));
}

export type CommentView = {
  id: string;
  section: string;
  cell: string | null;
  body: string;
  authorName: string;
  createdAt: string;
  resolvedAt: string | null;
};

export async function listComments(db: Db, user: SessionUser, id: string): Promise<CommentView[]> {
  await loadForReview(db, user, id);
  const rows = await db
    .select({
      id: reportComments.id,
      section: reportComments.section,
      cell: reportComments.cell,
      body: reportComments.body,
      authorName: users.displayName,
      createdAt: reportComments.createdAt,
      resolvedAt: reportComments.resolvedAt,
    })
    .from(reportComments)
    .innerJoin(users, eq(users.id, reportComments.authorId))
    .where(eq(reportComments.reportId, id))
    .orderBy(asc(reportComments.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null }));
}

const ZComment = z.object({
  section: safeString().max(40),
  cell: safeString().max(120).nullable().default(null),
  body: safeString().trim().min(1, '请填写意见').max(MAX_COMMENT, `意见不能超过 ${MAX_COMMENT} 字`),
});

export async function addComment(db: Db, user: SessionUser, id: string, input: unknown): Promise<{ id: string }> {
  const { row, scope } = await loadForReview(db, user, id);
  if (!can(user, 'report.comment', row, scope)) throw new AppError('FORBIDDEN', '只有审核人可以提出审核意见');
  const parsed = ZComment.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '意见无效');
  const template = getTemplate(row.edition);
  const section = template.sections.find((s) => s.key === parsed.data.section);
  if (!section && parsed.data.section !== 'meta') throw new AppError('INVALID', '请选择意见针对的部分');
  const cell = parsed.data.cell;
  if (cell) {
    const ok = section?.table && tableCells(template, section.table).some((c) => cellId(c) === cell);
    if (!ok) throw new AppError('INVALID', '意见针对的单元格不在该部分的表格中');
  }
  const [created] = await db
    .insert(reportComments)
    .values({ reportId: id, authorId: user.id, section: parsed.data.section, cell, body: parsed.data.body })
    .returning({ id: reportComments.id });
  return created;
}

export async function resolveComment(db: Db, user: SessionUser, commentId: string): Promise<void> {
  if (!ZId.safeParse(commentId).success) throw notFound('意见');
  const [c] = await db
    .select({ reportId: reportComments.reportId })
    .from(reportComments)
    .where(eq(reportComments.id, commentId));
  if (!c) throw notFound('意见');
  const { row, scope } = await loadForReview(db, user, c.reportId);
  if (!can(user, 'comment.resolve', row, scope)) throw new AppError('FORBIDDEN', '您不能处理此意见');
  await db
    .update(reportComments)
    .set({ resolvedAt: new Date(), resolvedBy: user.id })
    .where(and(eq(reportComments.id, commentId), sql`${reportComments.resolvedAt} is null`));
}

/**
 * The year a reviewer's district list opens on: the latest year with reports waiting for review,
 * else the latest year with any report, else last calendar year (a report covers the year before
 * it is written).
 */
export async function reviewYearToOpen(db: Db, user: SessionUser, today = new Date()): Promise<number> {
  const fallback = Number(chinaDay(today).slice(0, 4)) - 1;
  if (!canAtOwnAgency(user, 'district.read')) return fallback;
  const scope = await scopeOf(db, user);
  const ids = [...scope.agencyIds].filter((a) => a !== user.agencyId);
  if (!ids.length) return fallback;
  const [row] = await db
    .select({ year: reports.year })
    .from(reports)
    .where(inArray(reports.agencyId, ids))
    .orderBy(desc(sql`(${reports.status} = 'submitted')`), desc(reports.year))
    .limit(1);
  return row?.year ?? fallback;
}

const ZDeadline = z.object({
  year: reportYear(),
  dueDate: z.string().refine(isRealDate, '请填写有效日期（YYYY-MM-DD）'),
});

/** A reviewer sets the deadline for the agencies under their district. */
export async function setDeadline(db: Db, user: SessionUser, input: unknown): Promise<void> {
  if (!canAtOwnAgency(user, 'deadline.set')) throw new AppError('FORBIDDEN', '只有审核人和管理员可以设置截止日期');
  const parsed = ZDeadline.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '日期无效');
  await db
    .insert(reportDeadlines)
    .values({ agencyId: user.agencyId, year: parsed.data.year, dueDate: parsed.data.dueDate })
    .onConflictDoUpdate({ target: [reportDeadlines.agencyId, reportDeadlines.year], set: { dueDate: parsed.data.dueDate } });
}

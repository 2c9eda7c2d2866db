/**
 * Report services: what route handlers and server actions call. Each one resolves the user's
 * scope, asks `can`, validates its input with zod, and only then queries. A report outside the
 * user's scope is NOT_FOUND — the answer never reveals that it exists.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from '../validation';
import type { Db } from '../db/client';
import { agencies, reportEvents, reports, reportVersions, users } from '../db/schema';
import { can, scopeOf } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError, notFound } from '../errors';
import { currentTemplate, getTemplate } from '../template/registry';
import { blankReport } from '../report/blank';
import { describeIssues, draftReportSchema, reportYear } from '../report/schema';
import type { Report } from '../report/types';
import { carryOver } from '../report/carry-over';
import { availableTransitions, type TransitionKey, type ReportStatus } from '../review/transitions';

export type ReportSummary = {
  id: string;
  agencyName: string;
  year: number;
  status: ReportStatus;
  updatedAt: string;
  updatedByName: string | null;
  /** Why, by whom and when a report was last returned — while it is 已退回. */
  returned: ReturnNote | null;
};

export type ReturnNote = { reason: string; actorName: string; at: string };

export type ReportRecord = Omit<ReportSummary, 'returned'> & {
  agencyId: string;
  /** The agency that reviews this one (the parent in the tree), if any. */
  reviewerAgencyName: string | null;
  edition: string;
  version: number;
  content: Report;
  canEdit: boolean;
  /** The status changes this user may make now (提交审核, 退回修改, 审核通过). */
  transitions: TransitionKey[];
  canComment: boolean;
};

export type SaveResult =
  | { ok: true; version: number; updatedAt: string }
  | { ok: false; conflict: { version: number; updatedAt: string; updatedByName: string | null } };

const ZId = z.string().uuid();
const editor = alias(users, 'editor');
const parentAgency = alias(agencies, 'parent_agency');

/** The last return of each returned report: the reason, who and when. */
async function returnNotes(db: Db, ids: string[]): Promise<Map<string, ReturnNote>> {
  const out = new Map<string, ReturnNote>();
  if (!ids.length) return out;
  const rows = await db
    .select({ reportId: reportEvents.reportId, reason: reportEvents.reason, actorName: users.displayName, at: reportEvents.at })
    .from(reportEvents)
    .innerJoin(users, eq(users.id, reportEvents.actorId))
    .where(and(inArray(reportEvents.reportId, ids), eq(reportEvents.toStatus, 'returned')))
    .orderBy(desc(reportEvents.at));
  for (const r of rows) if (!out.has(r.reportId)) out.set(r.reportId, { reason: r.reason, actorName: r.actorName, at: r.at.toISOString() });
  return out;
}

export async function listReports(db: Db, user: SessionUser): Promise<ReportSummary[]> {
  const scope = await scopeOf(db, user);
  const rows = await db
    .select({
      id: reports.id,
      agencyName: agencies.name,
      year: reports.year,
      status: reports.status,
      updatedAt: reports.updatedAt,
      updatedByName: editor.displayName,
    })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .leftJoin(editor, eq(editor.id, reports.updatedBy))
    .where(inArray(reports.agencyId, [...scope.agencyIds]))
    .orderBy(desc(reports.year), agencies.name);
  const notes = await returnNotes(db, rows.filter((r) => r.status === 'returned').map((r) => r.id));
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString(), returned: notes.get(r.id) ?? null }));
}

/** The agencies the user may create a report for (a filer: their own office). */
export async function listCreatableAgencies(db: Db, user: SessionUser): Promise<{ id: string; name: string }[]> {
  const scope = await scopeOf(db, user);
  const rows = await db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(inArray(agencies.id, [...scope.agencyIds]))
    .orderBy(agencies.name);
  return rows.filter((a) => can(user, 'report.create', { agencyId: a.id }, scope));
}

export const ZCreateReport = z.object({
  agencyId: z.string().uuid('请选择机关'),
  year: reportYear(),
  /** Start from last year's report of the same agency (上年结转, 现行有效件数, 上年度问题). */
  fromLastYear: z.boolean().default(false),
  /** An imported report (validated below against its edition's draft schema). */
  content: z.unknown().optional(),
});

export type TCreateReport = z.input<typeof ZCreateReport>;

/** The content a new report starts with: imported, carried over from last year, or blank. */
async function initialContent(db: Db, agencyId: string, agencyName: string, year: number, input: z.infer<typeof ZCreateReport>): Promise<Report> {
  if (input.content !== undefined) {
    const parsed = draftReportSchema(currentTemplate).safeParse(input.content);
    if (!parsed.success) throw new AppError('INVALID', `导入的报告内容无效：${describeIssues(parsed.error, 3)}`);
    if (parsed.data.meta.year !== year) throw new AppError('INVALID', `导入的报告是 ${parsed.data.meta.year} 年度的，与所选年度 ${year} 不一致`);
    return parsed.data;
  }
  const blank = blankReport(currentTemplate, { agencyName, year });
  if (!input.fromLastYear) return blank;
  const [last] = await db
    .select({ content: reports.content })
    .from(reports)
    .where(and(eq(reports.agencyId, agencyId), eq(reports.year, year - 1)));
  if (!last) throw new AppError('INVALID', `没有找到 ${year - 1} 年度的报告，无法以上年为基础新建`);
  return carryOver(currentTemplate, blank, last.content);
}

export async function createReport(db: Db, user: SessionUser, input: TCreateReport): Promise<{ id: string }> {
  const parsed = ZCreateReport.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '输入有误');
  const { agencyId, year } = parsed.data;
  const scope = await scopeOf(db, user);
  if (!can(user, 'report.create', { agencyId }, scope)) throw new AppError('FORBIDDEN', '您不能为该机关新建报告');
  const [agency] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId));
  if (!agency) throw notFound('机关');
  const content = await initialContent(db, agencyId, agency.name, year, parsed.data);
  const existing = async () =>
    (await db.select({ id: reports.id }).from(reports).where(and(eq(reports.agencyId, agencyId), eq(reports.year, year))))[0];
  const found = await existing();
  if (found) throw new AppError('CONFLICT', `${agency.name}的 ${year} 年度报告已经存在`, { id: found.id });
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(reports)
        .values({ agencyId, year, edition: currentTemplate.edition, content, updatedBy: user.id })
        .returning({ id: reports.id });
      await tx.insert(reportVersions).values({ reportId: row.id, version: 1, content, savedBy: user.id });
      return row;
    });
  } catch (e) {
    // Two clicks at once: the unique index answers for the second one.
    const again = await existing();
    if (again) throw new AppError('CONFLICT', `${agency.name}的 ${year} 年度报告已经存在`, { id: again.id });
    throw e;
  }
}

async function loadReport(db: Db, id: string) {
  if (!ZId.safeParse(id).success) return undefined;
  const [row] = await db
    .select({
      id: reports.id,
      agencyId: reports.agencyId,
      agencyName: agencies.name,
      year: reports.year,
      edition: reports.edition,
      status: reports.status,
      version: reports.version,
      content: reports.content,
      updatedAt: reports.updatedAt,
      updatedByName: editor.displayName,
      reviewerAgencyName: parentAgency.name,
    })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .leftJoin(parentAgency, eq(parentAgency.id, agencies.parentId))
    .leftJoin(editor, eq(editor.id, reports.updatedBy))
    .where(eq(reports.id, id));
  return row;
}

/**
 * The report and the user's scope, when the user may read it — the first step of every service
 * that touches one report. Anything else is NOT_FOUND, whether it exists or not.
 */
export async function readableReport(db: Db, user: SessionUser, id: string) {
  const row = await loadReport(db, id);
  const scope = await scopeOf(db, user);
  if (!row || !can(user, 'report.read', row, scope)) throw notFound();
  return { row, scope };
}

export async function getReport(db: Db, user: SessionUser, id: string): Promise<ReportRecord> {
  const { row, scope } = await readableReport(db, user, id);
  const transitions = availableTransitions(row.status, user.role)
    .filter((t) => can(user, t.key === 'submit' ? 'report.submit' : 'report.review', row, scope))
    .map((t) => t.key);
  return {
    ...row,
    updatedAt: row.updatedAt.toISOString(),
    canEdit: can(user, 'report.edit', row, scope),
    transitions,
    canComment: can(user, 'report.comment', row, scope),
  };
}

/**
 * Autosave. The save names the version it was based on; it lands only if the report is still
 * at that version and still editable — one UPDATE decides, so two tabs or a reviewer acting at
 * the same moment cannot interleave. A stale save is refused with the newer version's details.
 */
export async function saveReport(
  db: Db,
  user: SessionUser,
  id: string,
  input: { baseVersion: number; content: unknown },
): Promise<SaveResult> {
  const { row, scope } = await readableReport(db, user, id);
  if (!can(user, 'report.edit', row, scope)) {
    throw new AppError('FORBIDDEN', row.status === 'draft' || row.status === 'returned' ? '您不能修改此报告' : '报告已提交或已通过，不能修改');
  }
  const template = getTemplate(row.edition);
  const parsed = draftReportSchema(template).safeParse(input.content);
  if (!parsed.success) throw new AppError('INVALID', `报告内容无效：${describeIssues(parsed.error, 3)}`);
  const content = parsed.data;
  if (content.meta.year !== row.year) throw new AppError('INVALID', `报告年度不能改为 ${content.meta.year}`);

  const saved = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(reports)
      .set({ content, version: sql`${reports.version} + 1`, updatedAt: new Date(), updatedBy: user.id })
      .where(and(eq(reports.id, id), eq(reports.version, input.baseVersion), inArray(reports.status, ['draft', 'returned'])))
      .returning({ version: reports.version, updatedAt: reports.updatedAt });
    if (!updated) return null;
    await tx.insert(reportVersions).values({ reportId: id, version: updated.version, content, savedBy: user.id });
    return updated;
  });
  if (saved) return { ok: true, version: saved.version, updatedAt: saved.updatedAt.toISOString() };

  const now = (await loadReport(db, id))!;
  if (now.status !== 'draft' && now.status !== 'returned') throw new AppError('FORBIDDEN', '报告已提交或已通过，不能修改');
  return { ok: false, conflict: { version: now.version, updatedAt: now.updatedAt.toISOString(), updatedByName: now.updatedByName } };
}

/** Saved versions, newest first (numbers and who/when; contents on request). */
export async function listVersions(db: Db, user: SessionUser, id: string) {
  await getReport(db, user, id);
  const rows = await db
    .select({ version: reportVersions.version, savedAt: reportVersions.savedAt, savedByName: users.displayName })
    .from(reportVersions)
    .leftJoin(users, eq(users.id, reportVersions.savedBy))
    .where(eq(reportVersions.reportId, id))
    .orderBy(desc(reportVersions.version));
  return rows.map((r) => ({ ...r, savedAt: r.savedAt.toISOString() }));
}

/**
 * Last year's report of the same agency, when the user may read it: the year-over-year checks
 * (上年结转, 现行有效件数, copied paragraphs) and the comparison view use it.
 */
export async function getLastYearReport(db: Db, user: SessionUser, record: Pick<ReportRecord, 'agencyId' | 'year'>): Promise<ReportRecord | null> {
  const [row] = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.agencyId, record.agencyId), eq(reports.year, record.year - 1)));
  if (!row) return null;
  try {
    return await getReport(db, user, row.id);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

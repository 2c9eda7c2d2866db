/**
 * Report services: what route handlers and server actions call. Each one resolves the user's
 * scope, asks `can`, validates its input with zod, and only then queries. A report outside the
 * user's scope is NOT_FOUND — the answer never reveals that it exists.
 */
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { sortByPinyin } from '../collate';
import { alias } from 'drizzle-orm/pg-core';
import { versionNumber, z, ZId } from '../validation';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import { agencies, reportEvents, reports, reportVersions, users } from '../db/schema';
import { can, scopeOf, type ReportResource } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError, notFound } from '../errors';
import { currentTemplate, getTemplate } from '../template/registry';
import { blankReport } from '../report/blank';
import { describeIssues, draftReportSchema, reportYear } from '../report/schema';
import type { Report } from '../report/types';
import { carryOver } from '../report/carry-over';
import { availableTransitions, selfApprovalAllowed, type TransitionKey, type ReportStatus } from '../review/transitions';
import { env } from '../env';

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
    // A note on a returned report (「未填写的单元格填 0」) keeps its status: not a return.
    .where(and(inArray(reportEvents.reportId, ids), eq(reportEvents.toStatus, 'returned'), ne(reportEvents.fromStatus, 'returned')))
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
    .orderBy(desc(reports.year));
  const notes = await returnNotes(db, rows.filter((r) => r.status === 'returned').map((r) => r.id));
  // Newest year first, each year's agencies in pinyin order (a stable sort keeps the years).
  return sortByPinyin(rows, (r) => r.agencyName).sort((a, b) => b.year - a.year).map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString(), returned: notes.get(r.id) ?? null }));
}

/** The agencies the user may create a report for (a filer: their own office). */
export async function listCreatableAgencies(db: Db, user: SessionUser): Promise<{ id: string; name: string }[]> {
  const scope = await scopeOf(db, user);
  const rows = await db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(inArray(agencies.id, [...scope.agencyIds]));
  return sortByPinyin(rows, (a) => a.name).filter((a) => can(user, 'report.create', { agencyId: a.id }, scope));
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
 * What a save needs of a report to decide — who owns it, its status, version, year and edition —
 * without the ~30 KB content (detoasted, sent and parsed only to be replaced) nor the names.
 */
async function loadHead(db: Db, id: string) {
  if (!ZId.safeParse(id).success) return undefined;
  const [row] = await db
    .select({ id: reports.id, agencyId: reports.agencyId, year: reports.year, edition: reports.edition, status: reports.status, version: reports.version })
    .from(reports)
    .where(eq(reports.id, id));
  return row;
}

/** The one rule for reading a report, whatever was loaded of it: in the user's scope and `can` read, or NOT_FOUND. */
async function readable<R extends ReportResource>(db: Db, user: SessionUser, row: R | undefined) {
  const scope = await scopeOf(db, user);
  if (!row || !can(user, 'report.read', row, scope)) throw notFound();
  return { row, scope };
}

/**
 * The report and the user's scope, when the user may read it — the first step of every service
 * that touches one report. Anything else is NOT_FOUND, whether it exists or not.
 */
export async function readableReport(db: Db, user: SessionUser, id: string) {
  return readable(db, user, await loadReport(db, id));
}

export async function getReport(db: Db, user: SessionUser, id: string, selfApproval = env().selfApproval): Promise<ReportRecord> {
  const { row, scope } = await readableReport(db, user, id);
  const transitions = availableTransitions(row.status, user.role)
    .filter((t) => can(user, t.key === 'submit' ? 'report.submit' : 'report.review', row, scope))
    .filter((t) => selfApprovalAllowed(selfApproval, t.key, user.agencyId, row.agencyId))
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
 * When the version a save would overwrite is kept first as its own row of report_versions: after
 * a pause this long, or once this many saves have replaced each other since the last kept
 * version (a few minutes of steady typing at one autosave every 1–3 s). See ARCHITECTURE.md,
 * 「Autosave and kept versions」.
 */
export const KEEP_VERSION_AFTER_PAUSE_MINUTES = 10;
export const KEEP_VERSION_EVERY_SAVES = 100;

/**
 * Autosave. The save names the version it was based on; it lands only if the report is still
 * at that version and still editable — one statement decides, so two tabs, two instances or a
 * reviewer acting at the same moment cannot interleave. A stale save is refused with the newer
 * version's details.
 *
 * The current version lives in `reports`; `report_versions` keeps version 1, every version a
 * status change was made on, and — before a save overwrites it — the current version when the
 * save starts a new burst: another user's edit, a pause, or KEEP_VERSION_EVERY_SAVES saves since
 * the last kept version. Kept rows are only ever inserted, never changed.
 */
export async function saveReport(
  db: Db,
  user: SessionUser,
  id: string,
  input: { baseVersion: number; content: unknown },
): Promise<SaveResult> {
  const { row, scope } = await readable(db, user, await loadHead(db, id));
  if (!can(user, 'report.edit', row, scope)) {
    throw new AppError('FORBIDDEN', row.status === 'draft' || row.status === 'returned' ? '您不能修改此报告' : '报告已提交或已通过，不能修改');
  }
  // Bounded here too (the CLI and tests call this directly): beyond int4 the query itself failed (22003).
  const base = versionNumber().safeParse(input.baseVersion);
  if (!base.success) throw new AppError('INVALID', `保存请求格式不正确：${base.error.issues[0]?.message}`);
  const template = getTemplate(row.edition);
  const parsed = draftReportSchema(template).safeParse(input.content);
  if (!parsed.success) throw new AppError('INVALID', `报告内容无效：${describeIssues(parsed.error, 3)}`);
  const content = parsed.data;
  if (content.meta.year !== row.year) throw new AppError('INVALID', `报告年度不能改为 ${content.meta.year}`);

  // One statement, one round trip, the content sent once. `cur` locks the row at the expected
  // version (a racing save waits, then finds the version moved on and does nothing); `kept`
  // copies the current version inside the server before it is overwritten, when it starts a
  // new burst.
  const pause = sql.raw(`interval '${KEEP_VERSION_AFTER_PAUSE_MINUTES} minutes'`);
  const [saved] = rowsOf<{ version: number; updated_at: string | Date }>(
    await db.execute(sql`
      with cur as (
        select id, version, content, updated_at, updated_by from ${reports}
        where id = ${id} and version = ${input.baseVersion} and status in ('draft', 'returned')
        for update
      ),
      kept as (
        insert into ${reportVersions} (report_id, version, content, saved_by, saved_at)
        select cur.id, cur.version, cur.content, cur.updated_by, cur.updated_at from cur
        where cur.updated_by is distinct from ${user.id}
           or cur.updated_at < now() - ${pause}
           or cur.version - coalesce((select v.version from ${reportVersions} v where v.report_id = cur.id order by v.version desc limit 1), 0) >= ${KEEP_VERSION_EVERY_SAVES}
        on conflict do nothing
      )
      update ${reports} r set content = ${JSON.stringify(content)}::jsonb, version = cur.version + 1, updated_at = now(), updated_by = ${user.id}
      from cur where r.id = cur.id
      returning r.version, r.updated_at`),
  );
  if (saved) return { ok: true, version: Number(saved.version), updatedAt: new Date(saved.updated_at).toISOString() };

  const now = (await loadReport(db, id))!;
  if (now.status !== 'draft' && now.status !== 'returned') throw new AppError('FORBIDDEN', '报告已提交或已通过，不能修改');
  return { ok: false, conflict: { version: now.version, updatedAt: now.updatedAt.toISOString(), updatedByName: now.updatedByName } };
}

/**
 * Saved versions, newest first (numbers and who/when; contents on request): the kept ones and
 * the current one, which is kept in `reports` until a later save or a status change keeps it.
 */
export async function listVersions(db: Db, user: SessionUser, id: string) {
  const record = await getReport(db, user, id);
  const rows = await db
    .select({ version: reportVersions.version, savedAt: reportVersions.savedAt, savedByName: users.displayName })
    .from(reportVersions)
    .leftJoin(users, eq(users.id, reportVersions.savedBy))
    .where(eq(reportVersions.reportId, id))
    .orderBy(desc(reportVersions.version));
  const kept = rows.map((r) => ({ ...r, savedAt: r.savedAt.toISOString() }));
  if (kept[0]?.version === record.version) return kept;
  return [{ version: record.version, savedAt: record.updatedAt, savedByName: record.updatedByName }, ...kept];
}

/**
 * Keeps the report's current version as a row of report_versions, if it is not one yet — in the
 * transaction of a status change, so that the version a report was submitted, returned or
 * approved on is never overwritten by a later save.
 */
export async function keepCurrentVersion(tx: Pick<Db, 'execute'>, id: string) {
  await tx.execute(sql`
    insert into ${reportVersions} (report_id, version, content, saved_by, saved_at)
    select id, version, content, updated_by, updated_at from ${reports} where id = ${id}
    on conflict do nothing`);
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

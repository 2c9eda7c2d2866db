/**
 * Comparing a report with an earlier version of itself (what changed since it was returned) or
 * with last year's report of the same agency (the year-over-year view). Reads only what the
 * user may read.
 */
import { and, eq } from 'drizzle-orm';
import { versionNumber, z } from '../validation';
import type { Db } from '../db/client';
import { reportVersions, users } from '../db/schema';
import type { SessionUser } from '../auth/types';
import { AppError } from '../errors';
import { getTemplate } from '../template/registry';
import { compareReports, versionLabel, type ReportDiff } from '../compare';
import type { Report } from '../report/types';
import { getLastYearReport, getReport, type ReportRecord } from './reports';

export type Comparison = { beforeLabel: string; afterLabel: string; before: Report; after: Report; diff: ReportDiff };

const ZVersions = z.object({ from: z.coerce.number().pipe(versionNumber()), to: z.coerce.number().pipe(versionNumber()) });

/** A kept version, or the current one (kept in `reports` until a later save keeps it). */
async function savedVersion(db: Db, record: ReportRecord, version: number): Promise<{ content: Report; label: string }> {
  if (version === record.version) return { content: record.content, label: versionLabel({ version, savedAt: record.updatedAt, savedByName: record.updatedByName }) };
  const reportId = record.id;
  const [row] = await db
    .select({ content: reportVersions.content, savedAt: reportVersions.savedAt, savedByName: users.displayName })
    .from(reportVersions)
    .leftJoin(users, eq(users.id, reportVersions.savedBy))
    .where(and(eq(reportVersions.reportId, reportId), eq(reportVersions.version, version)));
  if (!row) throw new AppError('NOT_FOUND', `没有第 ${version} 版`);
  return { content: row.content, label: versionLabel({ version, savedAt: row.savedAt, savedByName: row.savedByName }) };
}

export async function compareVersions(db: Db, user: SessionUser, id: string, input: unknown): Promise<Comparison> {
  const record = await getReport(db, user, id);
  const parsed = ZVersions.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', '请选择要对比的两个版本');
  const { from, to } = parsed.data;
  if (from === to) throw new AppError('INVALID', '请选择两个不同的版本进行对比');
  const [before, after] = await Promise.all([savedVersion(db, record, from), savedVersion(db, record, to)]);
  return {
    beforeLabel: before.label,
    afterLabel: after.label,
    before: before.content,
    after: after.content,
    diff: compareReports(getTemplate(record.edition), before.content, after.content),
  };
}

export async function compareWithLastYear(db: Db, user: SessionUser, id: string): Promise<Comparison> {
  const record = await getReport(db, user, id);
  const last = await getLastYearReport(db, user, record);
  if (!last) throw new AppError('NOT_FOUND', `没有 ${record.year - 1} 年度的报告可供对比`);
  if (last.edition !== record.edition) throw new AppError('INVALID', '两个年度的报告格式版本不同，无法逐项对比');
  return {
    beforeLabel: `${last.year} 年度`,
    afterLabel: `${record.year} 年度`,
    before: last.content,
    after: record.content,
    diff: compareReports(getTemplate(record.edition), last.content, record.content),
  };
}

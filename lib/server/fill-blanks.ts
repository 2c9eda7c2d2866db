/**
 * 「未填写的单元格填 0」 for one table of a report: the blanks filled on the server from the
 * version the clerk saw, saved as an autosave is, and recorded in the report's history with how
 * many cells and which rows. Same shape as reports.ts: scope → `can` → zod → queries.
 */
import { z } from '../validation';
import type { Db } from '../db/client';
import { reportEvents } from '../db/schema';
import { can } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError } from '../errors';
import { getTemplate } from '../template/registry';
import { blankCells, fillBlanks, fillBlanksNote } from '../report/fill-blanks';
import { readableReport, saveReport } from './reports';

const ZFill = z.object({
  table: z.enum(['table2', 'table3', 'table4'], { message: '请选择表格' }),
  version: z.number().int().positive(),
});

export async function fillBlanksWithZero(db: Db, user: SessionUser, id: string, input: unknown): Promise<{ version: number; cells: number; note: string }> {
  const parsed = ZFill.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '请求无效');
  const { table, version } = parsed.data;
  const { row, scope } = await readableReport(db, user, id);
  if (!can(user, 'report.edit', row, scope)) throw new AppError('FORBIDDEN', '您不能修改此报告');
  if (row.version !== version) throw new AppError('CONFLICT', '报告已更新，请刷新页面后再操作');
  const template = getTemplate(row.edition);
  const blanks = blankCells(template, row.content, table);
  if (blanks.cells.length === 0) throw new AppError('INVALID', '这张表没有未填写的单元格');
  const saved = await saveReport(db, user, id, { baseVersion: version, content: fillBlanks(template, row.content, table) });
  if (!saved.ok) throw new AppError('CONFLICT', '报告已更新，请刷新页面后再操作');
  const note = fillBlanksNote(template, table, blanks);
  // Not a status change: the event keeps the status on both sides and says what was done.
  await db.insert(reportEvents).values({ reportId: id, actorId: user.id, fromStatus: row.status, toStatus: row.status, version: saved.version, reason: note });
  return { version: saved.version, cells: blanks.cells.length, note };
}

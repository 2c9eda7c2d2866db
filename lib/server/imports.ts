/**
 * Reading a published report for the import review screen. Nothing is stored here: the user
 * looks at what was recognised, then 「导入为草稿」 creates the report (createReport with content).
 */
import type { Db } from '../db/client';
import type { SessionUser } from '../auth/types';
import { AppError } from '../errors';
import { IMPORT_LIMITS, type ImportResult } from '../import';
import { importPool } from '../import/pool';
import { listCreatableAgencies } from './reports';

/** Lines of source shown beside the review; a longer source is cut (the import itself is not). */
const MAX_SOURCE_LINES = 20_000;

export async function previewImport(db: Db, user: SessionUser, file: { bytes: Uint8Array; name: string }): Promise<ImportResult> {
  if ((await listCreatableAgencies(db, user)).length === 0) throw new AppError('FORBIDDEN', '您不能新建报告，因此也不能导入');
  if (file.bytes.length > IMPORT_LIMITS.maxBytes) {
    throw new AppError('INVALID', `文件过大（${(file.bytes.length / 1024 / 1024).toFixed(1)} MB），上限为 ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB`);
  }
  // Parsed in a worker thread with a hard deadline: a hostile file never stalls the server.
  const result = await importPool().run(file.bytes, file.name.slice(0, 200));
  return { ...result, source: { ...result.source, lines: result.source.lines.slice(0, MAX_SOURCE_LINES), text: '' } };
}

/**
 * `nianbao db export|import`, `nianbao backup` and `nianbao restore`: the whole installation to a
 * file and back (lib/db/transfer.ts), on the database the app uses (DATABASE_URL, else PGlite
 * under NIANBAO_DATA_DIR). The embedded database is opened by one process at a time, so on PGlite
 * these run while the app is stopped; on PostgreSQL, while it runs.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { migrationBackupDir, openDb, type DbHandle } from '../lib/db/client';
import { describeSummary, exportDatabase, importDatabase } from '../lib/db/transfer';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';

/** Opens the configured database without creating demo data (an import needs an empty one). */
async function openConfigured(mustExist: boolean): Promise<{ handle: DbHandle; where: string }> {
  const e = env();
  // A newer release's command on an older database migrates it, after the same backup as a start.
  const migrationBackup = migrationBackupDir(e);
  if (e.databaseUrl) return { handle: await openDb({ url: e.databaseUrl, migrationBackup }), where: 'PostgreSQL（DATABASE_URL）' };
  const dataDir = path.resolve(e.dataDir, 'pglite');
  if (mustExist && !existsSync(dataDir)) throw new AppError('NOT_FOUND', `找不到内置数据库：${dataDir}（请检查 NIANBAO_DATA_DIR，或用 DATABASE_URL 指定 PostgreSQL）`);
  return { handle: await openDb({ dataDir, migrationBackup }), where: `内置数据库 ${dataDir}` };
}

export async function exportCommand(file: string): Promise<string> {
  const { handle, where } = await openConfigured(true);
  try {
    const s = await exportDatabase(handle.db, path.resolve(file), { source: handle.kind });
    return `已从${where} 导出到 ${file}：${describeSummary(s)}\n`;
  } finally {
    await handle.close();
  }
}

export async function importCommand(file: string, force: boolean): Promise<string> {
  // Before opening: a mistyped name must not create an empty embedded database as a side effect.
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `找不到文件：${file}`);
  const { handle, where } = await openConfigured(false);
  try {
    const s = await importDatabase(handle.db, path.resolve(file), { replace: force });
    return `已导入到${where}：${describeSummary(s)}。每张表的条数和校验和均已核对无误。登录状态不随数据迁移，所有用户需要重新登录。\n`;
  } finally {
    await handle.close();
  }
}

/** Backup files: named by their UTC time, so that sorting by name sorts by age. */
const BACKUP_NAME = /^nianbao-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.ndjson\.gz$/;

export function backupName(at = new Date()): string {
  return `nianbao-${at.toISOString().replaceAll(':', '-')}.ndjson.gz`;
}

export async function backupCommand(opts: { out?: string; keep?: string }): Promise<string> {
  let keep: number | undefined;
  if (opts.keep !== undefined) {
    keep = Number(opts.keep);
    if (!Number.isInteger(keep) || keep < 1) throw new AppError('INVALID', '--keep 须为正整数（保留最近的几份备份）');
  }
  const dir = path.resolve(opts.out ?? path.join(env().dataDir, 'backups'));
  const { handle, where } = await openConfigured(true);
  const file = path.join(dir, backupName());
  let text: string;
  try {
    await mkdir(dir, { recursive: true });
    const s = await exportDatabase(handle.db, file, { source: handle.kind });
    text = `已备份${where} 到 ${file}：${describeSummary(s)}\n`;
  } finally {
    await handle.close();
  }
  if (keep) {
    const old = (await readdir(dir)).filter((n) => BACKUP_NAME.test(n)).sort().slice(0, -keep);
    for (const name of old) await rm(path.join(dir, name));
    if (old.length) text += `已删除较早的备份 ${old.length} 份（保留最近 ${keep} 份）\n`;
  }
  return text;
}

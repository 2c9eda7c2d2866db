/**
 * The import worker's task: bytes in, an `ImportResult` or the Chinese message of an
 * `ImportError` out (an Error does not survive the thread boundary with its class).
 */
import { AppError } from '../errors';
import { ImportError } from './errors';
import { importFile } from './import-file';
import type { ImportResult } from './types';

export type ImportTask = { bytes: Uint8Array; fileName: string; timeoutMs: number };
export type ImportTaskResult = { ok: true; result: ImportResult } | { ok: false; message: string; cause?: unknown; rateLimited?: true };

export default async function runImport(task: ImportTask): Promise<ImportTaskResult> {
  try {
    return { ok: true, result: await importFile(task.bytes, task.fileName, { timeoutMs: task.timeoutMs }) };
  } catch (e) {
    // Too many conversions at once (lib/import/office-convert.ts): the server is busy, not the file bad.
    if (e instanceof AppError && e.code === 'RATE_LIMITED') return { ok: false, message: e.message, rateLimited: true };
    if (e instanceof ImportError) return { ok: false, message: e.message, cause: e.cause === undefined ? undefined : String(e.cause) };
    return { ok: false, message: '文件无法解析，可能已损坏或不是年度报告', cause: String(e) };
  }
}

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../lib/errors';
import { MAX_REPORT_JSON_BYTES, parseReportJson } from '../lib/report/json';
import { describeImport, importPath } from '../lib/import';
import type { Report } from '../lib/report/types';

/** A problem with the file itself (missing, unreadable, not a report): exit status 2. */
export class BadFile extends Error {}

export type LoadedReport = {
  report: Report;
  /** What the importer was unsure of (empty for nianbao's own JSON), for standard error. */
  notes: string;
};

/**
 * Any file a command accepts: nianbao's JSON export as it is, or a published report (PDF,
 * DOCX, text) through the importer, whose doubts are returned as notes.
 */
export async function readReportFile(file: string): Promise<LoadedReport> {
  try {
    if (path.extname(file).toLowerCase() !== '.json') {
      const result = await importPath(file);
      return { report: result.report, notes: describeImport(result) };
    }
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      throw new BadFile(`找不到文件：${file}`);
    }
    if (size > MAX_REPORT_JSON_BYTES) throw new BadFile(`文件过大（${Math.round(size / 1024)} KB），不是 nianbao 导出的报告`);
    return { report: parseReportJson(await readFile(file, 'utf8')), notes: '' };
  } catch (e) {
    if (e instanceof AppError) throw new BadFile(`${file}：${e.message}`);
    throw e;
  }
}

import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../lib/errors';
import { MAX_REPORT_JSON_BYTES, parseReportJson } from '../lib/report/json';
import type { Report } from '../lib/report/types';

/** A problem with the file itself (missing, unreadable, not a report): exit status 2. */
export class BadFile extends Error {}

export async function readReportFile(file: string): Promise<Report> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new BadFile(`找不到文件：${file}`);
  }
  if (size > MAX_REPORT_JSON_BYTES) throw new BadFile(`文件过大（${Math.round(size / 1024)} KB），不是 nianbao 导出的报告`);
  const text = await readFile(file, 'utf8');
  try {
    return parseReportJson(text);
  } catch (e) {
    if (e instanceof AppError) throw new BadFile(`${file}：${e.message}`);
    throw e;
  }
}

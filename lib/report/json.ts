import { z } from '../validation';
import { getTemplate } from '../template/registry';
import { AppError } from '../errors';
import { describeIssues, draftReportSchema } from './schema';
import type { Report } from './types';

/** A report file is about 30 KB; anything far larger is not one. */
export const MAX_REPORT_JSON_BYTES = 2 * 1024 * 1024;

/**
 * nianbao's JSON export: the Report itself, pretty-printed. Lossless: amounts stay decimal
 * strings, blanks stay null, every text part keeps its line breaks.
 */
export function serializeReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const ZHeader = z.object({ format: z.literal('nianbao-report'), edition: z.string().max(20) });

/** Reads an exported report, validating it against its edition's draft schema. */
export function parseReportJson(text: string): Report {
  if (text.length > MAX_REPORT_JSON_BYTES) throw new AppError('INVALID', '文件过大，不是 nianbao 导出的报告');
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new AppError('INVALID', '文件不是有效的 JSON');
  }
  const header = ZHeader.safeParse(data);
  if (!header.success) throw new AppError('INVALID', '文件不是 nianbao 导出的报告（缺少 format: "nianbao-report"）');
  let template;
  try {
    template = getTemplate(header.data.edition);
  } catch {
    throw new AppError('INVALID', `不支持的报告格式版本：${header.data.edition}`);
  }
  const parsed = draftReportSchema(template).safeParse(data);
  if (!parsed.success) throw new AppError('INVALID', `报告内容不符合格式：\n${describeIssues(parsed.error)}`);
  return parsed.data;
}

import { z } from '../validation';
import type { ReportTemplate } from '../template/types';
import { sectionOfTable, tableCells } from '../template/walk';
import { REPORT_TABLES } from './value-rows';
import { draftReportSchema, submitReportSchema } from './schema';

/**
 * `report`: any file nianbao exports (drafts included: blanks are null, counts any number).
 * `published`: an approved report as published — no blank cell, counts whole and ≥ 0, amounts
 * decimal text with up to 4 places (what submission requires).
 */
export type ReportSchemaKind = 'report' | 'published';
export const REPORT_SCHEMA_KINDS: readonly ReportSchemaKind[] = ['report', 'published'];

export function reportSchemaFileName(kind: ReportSchemaKind): string {
  return `${kind === 'published' ? 'published-report' : 'report'}.schema.json`;
}

type Node = { properties?: Record<string, Node>; description?: string; [k: string]: unknown };

/**
 * nianbao's JSON format as a JSON Schema (draft 2020-12), generated from the zod schema the app
 * and the importer validate with (z.toJSONSchema), so the published schema cannot drift from
 * what is accepted. Every table cell is described by its printed labels.
 */
export function reportJsonSchema(template: ReportTemplate, kind: ReportSchemaKind): Record<string, unknown> {
  const zodSchema = kind === 'published' ? submitReportSchema(template) : draftReportSchema(template);
  const schema = z.toJSONSchema(zodSchema, { io: 'input' }) as Node;
  const tables = schema.properties!.tables.properties!;
  for (const key of REPORT_TABLES) {
    const section = sectionOfTable(template, key);
    tables[key].description = `表${section.numeral}　${section.title}`;
    for (const c of tableCells(template, key)) {
      tables[key].properties![c.row].properties![c.col].description = `${c.rowPath.join(' / ')} · ${c.colLabel}`;
    }
  }
  return {
    $id: `urn:nianbao:schema:${template.edition}:${reportSchemaFileName(kind)}`,
    title:
      kind === 'published'
        ? `已发布的政府信息公开工作年度报告（${template.formatRef}）`
        : `政府信息公开工作年度报告：nianbao 导出格式（${template.formatRef}）`,
    description:
      '计数为整数；金额（万元）为十进制文本，最多 4 位小数；null 表示未填写（草稿）。各部分文字按行分段。' +
      (kind === 'published' ? '已通过审核的报告：无空白单元格，计数为非负整数。' : ''),
    ...schema,
  };
}

import { template2021 } from '../../templates/2021';
import type { ReportTemplate } from './types';

const templates: Record<string, ReportTemplate> = { [template2021.edition]: template2021 };

/** The edition new reports use. */
export const currentTemplate = template2021;

export function getTemplate(edition: string): ReportTemplate {
  const t = templates[edition];
  if (!t) throw new Error(`未知的报告格式版本：${edition}`);
  return t;
}

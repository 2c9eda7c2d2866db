import { buildDocument, type DocumentTree } from '@/lib/document';
import type { Report } from '@/lib/report/types';
import type { ReportTemplate } from '@/lib/template/types';
import { SUMMED_TABLES } from '@/lib/summary';

/**
 * The summed tables as the printed report lays them out: the report's own document tree,
 * cut down to the headings and tables of 二/三/四 (the sum has no title of its own and no text).
 */
export function summaryDocument(template: ReportTemplate, summed: Report): DocumentTree {
  const keys = new Set(template.sections.filter((s) => s.table && SUMMED_TABLES.includes(s.table)).map((s) => s.key));
  const doc = buildDocument(template, summed, { dateLine: false });
  return {
    meta: doc.meta,
    blocks: doc.blocks.filter((b) => (b.kind === 'heading' && b.level === 1 && keys.has(b.sectionKey)) || b.kind === 'table'),
  };
}

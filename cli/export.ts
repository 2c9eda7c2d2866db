import { writeFile } from 'node:fs/promises';
import { buildDocument } from '../lib/document';
import { renderHtml } from '../lib/render/html';
import { reportTablesCsv } from '../lib/export/report-csv';
import { serializeReport } from '../lib/report/json';
import { getTemplate } from '../lib/template/registry';
import type { Report } from '../lib/report/types';

export type ExportTargets = { html?: string; json?: string; csv?: string; final: boolean };

/**
 * `nianbao export`: the publication page (HTML, with a 「草稿」 notice unless --final), the
 * report as nianbao's JSON, and 表二/三/四 as CSV — the same files the app offers beside the page.
 */
export async function exportCommand(report: Report, to: ExportTargets): Promise<string> {
  const template = getTemplate(report.edition);
  const lines: string[] = [];
  if (to.html) {
    await writeFile(to.html, renderHtml(buildDocument(template, report), { final: to.final }));
    lines.push(`已生成发布用网页：${to.html}${to.final ? '' : '（带「草稿」提示；正式发布请加 --final）'}`);
  }
  if (to.json) {
    await writeFile(to.json, serializeReport(report));
    lines.push(`已导出 JSON：${to.json}`);
  }
  if (to.csv) {
    await writeFile(to.csv, reportTablesCsv(template, report));
    lines.push(`已导出表格 CSV：${to.csv}`);
  }
  return lines.join('\n') + '\n';
}

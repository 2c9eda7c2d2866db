/**
 * index.html of a district package: the district's approved reports of a year, each with its
 * publication date and links to its four files in the same folder. One self-contained page, as
 * the publication pages are; every name escaped (an agency name can hold anything).
 */
import { escapeHtml } from '../../escape-html';

export type IndexEntry = {
  agencyName: string;
  title: string;
  /** ISO date, or null when the report gives none. */
  publishDate: string | null;
  files: { label: string; name: string }[];
};

function dateText(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '未填写';
}

export function packageIndexHtml(title: string, entries: IndexEntry[], extras: { label: string; name: string }[]): string {
  const link = (f: { label: string; name: string }, context: string) =>
    `<a href="${escapeHtml(encodeURI(f.name))}" aria-label="${escapeHtml(`${context} ${f.label}`)}">${escapeHtml(f.label)}</a>`;
  const rows = entries
    .map(
      (e, i) =>
        `<tr><td class="n">${i + 1}</td><th scope="row">${escapeHtml(e.agencyName)}</th><td>${escapeHtml(dateText(e.publishDate))}</td>` +
        `<td>${e.files.map((f) => link(f, e.title)).join(' ')}</td></tr>`,
    )
    .join('\n');
  return (
    `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n` +
    `<style>body{margin:0;font-family:system-ui,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC',sans-serif;line-height:1.6;color:#000;background:#fff}` +
    `main{max-width:60em;margin:0 auto;padding:1.5em 1em}h1{font-size:1.5em;margin:0 0 .5em}` +
    `.tbl{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{border:1px solid #666;padding:.4em .6em;text-align:left;vertical-align:top}` +
    `thead th{background:#f2f2f2}td.n{text-align:right}a{color:#0b57d0;margin-right:.6em;white-space:nowrap}</style>\n</head>\n<body>\n<main>\n` +
    `<h1>${escapeHtml(title)}</h1>\n<p>共 ${entries.length} 份已通过审核的报告。每份报告有 PDF（正式版）、Word、发布用网页和 JSON 数据四个文件。</p>\n` +
    `<div class="tbl" role="region" aria-label="报告列表" tabindex="0"><table>\n<caption>报告列表</caption>\n` +
    `<thead><tr><th scope="col">序号</th><th scope="col">机关</th><th scope="col">发布日期</th><th scope="col">文件</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table></div>\n` +
    (extras.length ? `<p>${extras.map((f) => link(f, title)).join(' ')}</p>\n` : '') +
    `</main>\n</body>\n</html>\n`
  );
}

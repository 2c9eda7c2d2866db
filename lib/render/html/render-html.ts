/**
 * The publication page: the report as one self-contained HTML file that a portal editor uploads
 * or pastes into the 政府信息公开 column. Built from the same document tree as the preview, the
 * PDF and the DOCX, so wording, numbering and table structure are the same. No external asset
 * (no script, image, font or style sheet is fetched: the Content-Security-Policy says so), fonts
 * from the reader's system, every text escaped.
 */
import type { DocBlock, DocumentTree } from '../../document/types';
import { escapeHtml } from '../../escape-html';
import { pageCss } from './style';
import { tableHtml, type HtmlTable } from './table';

export type HtmlRenderOptions = {
  /** `false`: a visible 「草稿」 notice at the top (the report is not approved). Default true. */
  final?: boolean;
};

function blockHtml(b: Exclude<DocBlock, { kind: 'table' }>): string {
  switch (b.kind) {
    case 'title':
      return `<h1>${b.lines.map((l) => `<span class="tl">${escapeHtml(l)}</span>`).join('')}</h1>`;
    case 'dateLine':
      return `<p class="date">${escapeHtml(b.text)}</p>`;
    case 'heading':
      return b.level === 1
        ? `<h2 id="${escapeHtml(b.sectionKey)}">${escapeHtml(b.text)}</h2>`
        : `<h3>${escapeHtml(b.text)}</h3>`;
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'tableNote':
      return `<p class="note">${escapeHtml(b.text)}</p>`;
  }
}

export function renderHtml(doc: DocumentTree, opts: HtmlRenderOptions = {}): string {
  const tables: HtmlTable[] = [];
  const body = doc.blocks.map((b) => {
    if (b.kind !== 'table') return blockHtml(b);
    const t = tableHtml(b.table);
    tables.push(t);
    return t.html;
  });
  const { meta } = doc;
  const draft = opts.final === false ? '<p class="draft">草稿：本报告尚未审核通过，不得发布。</p>' : '';
  return (
    `<!DOCTYPE html>\n<html lang="${escapeHtml(meta.language)}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(meta.title)}</title>\n` +
    `<meta name="author" content="${escapeHtml(meta.author)}">\n` +
    `<meta name="description" content="${escapeHtml(meta.subject)}">\n` +
    `<meta name="keywords" content="${escapeHtml(meta.keywords.join(','))}">\n` +
    `<meta name="generator" content="nianbao">\n` +
    `<style>${pageCss(tables)}</style>\n</head>\n<body>\n<main>\n${draft}${body.join('\n')}\n</main>\n</body>\n</html>\n`
  );
}

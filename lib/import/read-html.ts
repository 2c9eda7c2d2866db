/**
 * Saved portal pages (.html/.htm, and .mhtml — 「网页，单个文件」) → source lines, parsed with
 * node-html-parser (a real HTML parser: unclosed tags, entities, nested tables). Block
 * elements are lines; a table row is one line with one cell per <td>/<th>, as the DOCX reader
 * gives them: a colspan cell is one cell, and a position covered by a rowspan from above is an
 * empty cell (its text is in the first row of the span), so blank cells stay blank.
 * Scripts, styles and navigation chrome outside the text are dropped.
 */
import { HTMLElement, NodeType, parse, type Node } from 'node-html-parser';
import { ImportError } from './errors';
import { IMPORT_LIMITS } from './limits';
import { decodeText } from './read-text';
import type { SourceCell, SourceDoc, SourceLine } from './types';

const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'dd', 'dt', 'center', 'td', 'th', 'tr', 'ul', 'ol', 'dl', 'form']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'head', 'select', 'button', 'nav']);

/** Site chrome around the article: navigation, breadcrumbs (「当前位置：首页 > …」), footers. */
const CHROME = /(?:^|[\s_-])(?:nav|navbar|breadcrumb|crumbs?|menu|footer|header|banner|position|location|dqwz|share|sidebar)(?:$|[\s_-])/i;
const BREADCRUMB = /^(?:当前位置[:：]?\s*)?(?:首页|网站首页|主页)\s*[>›»＞]/;

const clean = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

function cellText(el: HTMLElement): string {
  return clean(el.textContent);
}

/** One line per row, with empty cells where a rowspan from above covers a position. */
function tableLines(table: HTMLElement, emit: (text: string, cells?: SourceCell[]) => void) {
  const rows = table.querySelectorAll('tr').filter((tr) => tr.closest('table') === table);
  const covered: number[] = []; // per grid column: rows still covered by a rowspan from above
  for (const tr of rows) {
    const tds = tr.childNodes.filter((n): n is HTMLElement => n instanceof HTMLElement && (n.tagName === 'TD' || n.tagName === 'TH'));
    const cells: SourceCell[] = [];
    let col = 0;
    const place = () => {
      while ((covered[col] ?? 0) > 0) {
        cells.push({ text: '' });
        covered[col]--;
        col++;
      }
    };
    for (const td of tds) {
      place();
      const colspan = Math.min(50, Math.max(1, Number(td.getAttribute('colspan')) || 1));
      const rowspan = Math.min(200, Math.max(1, Number(td.getAttribute('rowspan')) || 1));
      cells.push({ text: cellText(td) });
      for (let k = 0; k < colspan; k++) covered[col + k] = rowspan - 1;
      col += colspan;
    }
    place();
    if (cells.some((c) => c.text)) emit(cells.map((c) => c.text).join('\t'), cells);
  }
}

/** A report published as an attachment: a link, a frame or an embedded viewer for a document file. */
const ATTACHMENT = /\.(pdf|docx?|wps|ofd)(?:[?#]|$)/i;

/**
 * What the page holds besides its text, for saying why nothing was found: attachment file
 * names (a portal page that only links the report) and how many images are in the article.
 */
export type PageHints = { attachments: string[]; images: number };

function pageHints(body: HTMLElement): PageHints {
  const attachments = new Set<string>();
  for (const el of body.querySelectorAll('a, iframe, embed, object')) {
    const url = el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('data') ?? '';
    if (!ATTACHMENT.test(url)) continue;
    const file = decodeURIComponentSafe(url.split(/[?#]/)[0].split('/').pop() ?? '');
    attachments.add(clean(el.textContent) || file);
  }
  const images = body.querySelectorAll('img').filter((img) => !img.closest('nav, header, footer')).length;
  return { attachments: [...attachments].slice(0, 5), images };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function htmlLines(html: string): SourceLine[] {
  return readPage(html).lines;
}

function readPage(html: string): { lines: SourceLine[]; hints: PageHints } {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  const lines: SourceLine[] = [];
  let cur = '';
  const emit = (text: string, cells?: SourceCell[]) => {
    if (lines.length >= IMPORT_LIMITS.maxLines) throw new ImportError('网页内容过多，不像一份年度报告');
    const l: SourceLine = { no: lines.length + 1, text, endsParagraph: true };
    if (cells) {
      l.cells = cells;
      l.isTableRow = true;
    }
    lines.push(l);
  };
  const flush = () => {
    for (const part of cur.split('\n')) {
      const t = clean(part);
      if (t && !BREADCRUMB.test(t)) emit(t);
    }
    cur = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      cur += node.textContent.replace(/\s+/g, (m) => (m.includes('\n') ? ' ' : m));
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = node.tagName?.toLowerCase() ?? '';
    if (SKIP.has(tag) || CHROME.test(`${node.getAttribute('class') ?? ''} ${node.id ?? ''}`)) return;
    if (tag === 'table') {
      flush();
      tableLines(node, emit);
      return;
    }
    if (tag === 'br') {
      cur += '\n';
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const c of node.childNodes) walk(c);
    if (block) flush();
  };
  const body = root.querySelector('body') ?? root;
  walk(body);
  flush();
  return { lines, hints: pageHints(body) };
}

function decodeQuotedPrintable(s: string): Uint8Array {
  const body = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(body.slice(i + 1, i + 3))) {
      out.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return new Uint8Array(out);
}

/** The HTML part of an MHTML file, decoded (quoted-printable or base64, its charset). */
export function htmlOfMhtml(text: string): string {
  const boundary = /boundary="?([^"\r\n;]+)"?/i.exec(text)?.[1];
  const parts = boundary ? text.split(`--${boundary}`) : [text];
  for (const part of parts) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = part.slice(0, split);
    if (!/content-type:\s*text\/html/i.test(head)) continue;
    const body = part.slice(split).replace(/^\r?\n\r?\n/, '');
    const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    const charset = /charset="?([\w-]+)"?/i.exec(head)?.[1]?.toLowerCase();
    const bytes = enc === 'base64' ? new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64')) : enc === 'quoted-printable' ? decodeQuotedPrintable(body) : Uint8Array.from(body, (ch) => ch.charCodeAt(0) & 0xff);
    if (charset && /gb|gbk|gb2312|gb18030/.test(charset)) return new TextDecoder('gb18030').decode(bytes);
    return decodeText(bytes);
  }
  throw new ImportError('MHTML 文件里没有网页正文，无法识别。请在浏览器中另存为「网页，仅 HTML」后上传');
}

/** Bytes of a saved page: the charset a <meta> names, else UTF-8 / GB18030 as for text. */
function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (charset && /^(gb2312|gbk|gb18030)$/.test(charset)) return new TextDecoder('gb18030').decode(bytes);
  return decodeText(bytes);
}

export function readHtml(bytes: Uint8Array, mhtml = false): SourceDoc {
  const text = mhtml ? htmlOfMhtml(new TextDecoder('latin1').decode(bytes)) : decodeHtml(bytes);
  if (text.length > IMPORT_LIMITS.maxTextChars * 4) throw new ImportError('网页过大，不像一份年度报告');
  const { lines, hints } = readPage(text);
  return { format: 'html', lines, page: hints };
}

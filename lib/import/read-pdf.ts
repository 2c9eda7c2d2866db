/**
 * PDF (text layer) → source lines, with pdfjs-dist (legacy build: runs in Node without a DOM).
 * Items are grouped into lines by baseline, and a line into cells where the gap between items
 * is wider than a character: a table row becomes one line with one cell per printed cell, each
 * with its horizontal centre, so a blank cell can be told from a missing one. Paragraph ends are
 * decided from the geometry: the next line is indented (first-line indent), or this line stops
 * short after a sentence. Rotated text (a 「草稿」 watermark) and bare page numbers in the
 * margins are left out.
 */
import { isPageNumberText } from './clean-lines';
import { ImportError } from './errors';
import { IMPORT_LIMITS } from './limits';
import type { SourceCell, SourceDoc, SourceLine } from './types';

type Item = { str: string; x: number; end: number; base: number; size: number; clipped?: boolean };
type Line = { page: number; items: Item[]; base: number; size: number; x: number; end: number; pageHeight: number };

const LATIN = /[A-Za-z0-9]$/;
/**
 * A numbered heading (「一、」「（二）」「3.」) on a line that stops short is a paragraph of its own,
 * even with nothing indented after it and no closing punctuation: LibreOffice and Word print a
 * web page's or a document's headings flush left, like the text under them.
 */
const HEADING_START = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d))/;

function toCells(items: Item[]): SourceCell[] {
  const cells: { text: string; x0: number; x1: number; clipped?: boolean }[] = [];
  for (const it of items) {
    const prev = cells[cells.length - 1];
    const gap = prev ? it.x - prev.x1 : Infinity;
    // A number is its own cell as soon as there is any gap: table columns of 5-digit values sit
    // closer than a character apart, and a wrapped label may end right before the row's first value.
    const isNumber = /^[\d.,]+$/.test(it.str) || (prev && /^[\d.,]+$/.test(prev.text) && /^\d/.test(it.str));
    // Two numbers a space apart are two cells (「2948 12724」 in adjacent narrow columns), never
    // one cell holding both.
    const twoNumbers = prev && /^[\d.,]+$/.test(prev.text) && /^[\d.,]+$/.test(it.str) && gap > 0.15 * it.size;
    if (prev && !twoNumbers && gap < (isNumber ? 0.2 : 0.9) * it.size) {
      prev.text += gap > 0.15 * it.size && LATIN.test(prev.text) && /^[A-Za-z0-9]/.test(it.str) ? ` ${it.str}` : it.str;
      prev.x1 = Math.max(prev.x1, it.end);
      if (it.clipped) prev.clipped = true;
    } else cells.push({ text: it.str, x0: it.x, x1: it.end, ...(it.clipped ? { clipped: true } : {}) });
  }
  return cells.map((c) => ({ text: c.text, x: (c.x0 + c.x1) / 2, x0: c.x0, x1: c.x1, ...(c.clipped ? { clipped: true } : {}) }));
}

/**
 * pdfjs-dist's legacy build carries core-js, which on Node 20 replaces Array.prototype.push
 * with a JavaScript version for every array of the process (V8 does not throw on a zero-argument
 * push to a frozen length, an edge no one here relies on). That slow push cost about a third
 * of a PDF import; the native one is put back after pdf.mjs and its worker module load.
 */
const nativePush = Array.prototype.push;
function restoreNativePush() {
  if (Array.prototype.push !== nativePush) Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true, enumerable: false });
}

async function loadPdfjs() {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  restoreNativePush();
  return pdfjs;
}

export async function readPdf(bytes: Uint8Array, deadline = Date.now() + IMPORT_LIMITS.timeoutMs): Promise<SourceDoc> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    verbosity: 0,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    stopAtErrors: false,
  });
  let doc;
  try {
    doc = await task.promise;
    restoreNativePush(); // the worker module, loaded with the first document
  } catch (e) {
    await task.destroy().catch(() => {});
    const name = (e as { name?: string }).name ?? '';
    if (name === 'PasswordException') throw new ImportError('PDF 文件已加密（设有打开密码），无法读取。请上传未加密的 PDF');
    throw new ImportError('PDF 文件已损坏或不完整，无法读取', { cause: String(e) });
  }
  try {
    if (doc.numPages > IMPORT_LIMITS.maxPdfPages) throw new ImportError(`PDF 有 ${doc.numPages} 页，超过 ${IMPORT_LIMITS.maxPdfPages} 页的上限，不像一份年度报告`);
    const lines: Line[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() > deadline) throw new ImportError('PDF 读取超时，文件可能过于复杂或已损坏');
      const page = await doc.getPage(n);
      const [, y0, pageRight, y1] = page.view;
      // A table wider than the page runs off its right edge: what is printed there is cut.
      const clipped = (end: number) => (end > pageRight + 0.5 ? { clipped: true } : {});
      const height = y1 - y0;
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const raw of content.items) {
        if (!('str' in raw) || !raw.str.trim()) continue;
        const [a, b, c, d, e, f] = raw.transform as number[];
        if (Math.abs(b) > 0.01 || Math.abs(c) > 0.01) continue; // rotated: a watermark, not content
        const size = Math.abs(d) || Math.abs(a) || 10;
        const str = raw.str.replace(/\s+$/g, '').replace(/^\s+/g, '');
        // pdfjs joins the values of neighbouring narrow cells into one item (「31254 15918 33006」):
        // split it again, each value at its share of the item's width, so columns can be told.
        if (/^[\d.,]+(?:\s+[\d.,]+)+$/.test(str)) {
          const per = raw.width / str.length;
          for (const m of str.matchAll(/[\d.,]+/g)) {
            const end = e + (m.index + m[0].length) * per;
            items.push({ str: m[0], x: e + m.index * per, end, base: f - y0, size, ...clipped(end) });
          }
          continue;
        }
        items.push({ str, x: e, end: e + raw.width, base: f - y0, size, ...clipped(e + raw.width) });
      }
      items.sort((p, q) => q.base - p.base || p.x - q.x);
      const pageLines: Line[] = [];
      for (const it of items) {
        const line = pageLines.find((l) => Math.abs(l.base - it.base) < 0.35 * Math.min(l.size, it.size));
        if (line) {
          line.items.push(it);
          line.size = Math.max(line.size, it.size);
        } else pageLines.push({ page: n, items: [it], base: it.base, size: it.size, x: 0, end: 0, pageHeight: height });
      }
      pageLines.sort((p, q) => q.base - p.base);
      // A bare page number in the top or bottom margin: a number alone on its line there. A
      // table's last row may reach as low (a web page printed with narrow margins); its
      // numbers share their line with each other or with their label, and stay.
      const isPageNumber = (l: Line) => l.items.length === 1 && /^\d{1,4}$/.test(l.items[0].str) && (l.base < height * 0.08 || l.base > height * 0.94);
      for (let k = pageLines.length - 1; k >= 0; k--) if (isPageNumber(pageLines[k])) pageLines.splice(k, 1);
      for (const l of pageLines) {
        l.items.sort((p, q) => p.x - q.x);
        l.x = l.items[0].x;
        l.end = Math.max(...l.items.map((i) => i.end));
      }
      lines.push(...pageLines);
      page.cleanup();
    }
    if (lines.length === 0) throw new ImportError('PDF 没有文字层（可能是扫描件或图片），无法识别。请上传由 Word/WPS 导出的 PDF，或上传 DOCX');
    // The text block: left edge = the commonest line start; right edge = the commonest line end of full lines.
    // The text block: a low percentile of line starts and a high one of line ends (tables span
    // the block; a stray item in the margin does not move the edges).
    const xs = lines.map((l) => l.x).sort((a, b) => a - b);
    const ends = lines.map((l) => l.end).sort((a, b) => a - b);
    const left = xs[Math.floor(xs.length * 0.02)];
    const right = ends[Math.min(ends.length - 1, Math.floor(ends.length * 0.98))];
    const out: SourceLine[] = lines.map((l, i) => {
      const cells = toCells(l.items);
      const text = cells.map((c) => c.text).join('\t');
      const s: SourceLine = {
        no: i + 1,
        text,
        page: l.page,
        indent: (l.x - left) / l.size,
        fill: (l.end - left) / Math.max(1, right - left),
        y: l.pageHeight - l.base,
        size: l.size,
      };
      if (cells.length > 1) s.cells = cells;
      else Object.assign(s, { x: cells[0].x, x0: cells[0].x0, x1: cells[0].x1 }, cells[0].clipped ? { clipped: true } : {});
      return s;
    });
    // Page numbers are skipped when looking at the next line: a paragraph runs on across pages.
    const body = out.map((_, i) => i).filter((i) => !isPageNumberText(out[i].text));
    body.forEach((i, k) => {
      const j = body[k + 1];
      const next = j === undefined ? undefined : out[j];
      out[i].endsParagraph =
        !next ||
        (next.indent ?? 0) >= 1.5 ||
        ((out[i].fill ?? 1) < 0.9 && (/[。！？!?；;：:”"）)]$/.test(out[i].text) || HEADING_START.test(out[i].text))) ||
        Math.abs(lines[i].size - lines[j].size) > 1;
    });
    return { format: 'pdf', lines: out, pages: doc.numPages };
  } finally {
    await doc.destroy().catch(() => {});
  }
}

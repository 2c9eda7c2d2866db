/**
 * DOCX → source lines: unzip with fflate, then one pass over word/document.xml. A paragraph
 * (w:p) is a line that ends its paragraph; a table row (w:tr) is one line with one cell per
 * w:tc, so blank cells stay blank and a row's values are never confused with its neighbours'.
 * Merged cells: a gridSpan cell is one cell; a vMerge continuation is an empty cell (its text
 * is in the first row of the merge). Deleted text (w:delText), field codes and the fallback copy
 * of text boxes (mc:Fallback) are skipped.
 */
import { unzipSync, type Unzipped } from 'fflate';
import { ImportError } from './errors';
import { OFD_NOT_READ } from './sniff';
import { IMPORT_LIMITS } from './limits';
import type { SourceCell, SourceDoc, SourceLine } from './types';

const TOKEN = /<(\/?)([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)([^>]*?)(\/?)>|([^<]+)/g;

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e as 'lt'] ?? '';
  });
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)(?:w:)?${name}="([^"]*)"`).exec(attrs);
  return m ? m[1] : null;
}

type Cell = { paras: string[]; cur: string };
type Row = { cells: Cell[] };

export function documentXmlLines(xml: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const emit = (text: string, extra: Partial<SourceLine> = {}) => lines.push({ no: lines.length + 1, text, endsParagraph: true, ...extra });
  const paras: string[] = []; // stack of open paragraphs (text boxes nest them)
  const tables: { rows: Row[]; row: Row | null; cell: Cell | null }[] = [];
  let inText = false;
  let skipDepth = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const [, close, prefix, name, attrs, selfClose, text] = m;
    if (text !== undefined) {
      if (inText && !skipDepth && paras.length) paras[paras.length - 1] += decodeEntities(text);
      continue;
    }
    const tag = `${prefix ?? ''}${name}`;
    if (tag === 'mc:Fallback') {
      if (!selfClose) skipDepth += close ? -1 : 1;
      continue;
    }
    if (skipDepth) continue;
    const table = tables[tables.length - 1];
    switch (tag) {
      case 'w:t':
        inText = !close && !selfClose;
        break;
      case 'w:tab':
        if (!close && paras.length) paras[paras.length - 1] += table ? ' ' : '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (!close && paras.length) paras[paras.length - 1] += '\n';
        break;
      case 'w:p':
        if (selfClose) {
          if (table?.cell) table.cell.paras.push('');
          else emit('');
        } else if (!close) paras.push('');
        else {
          const p = paras.pop() ?? '';
          if (table?.cell && paras.length === 0) table.cell.paras.push(p);
          else if (paras.length) paras[paras.length - 1] += p;
          else for (const part of p.split('\n')) emit(part.replace(/\t/g, ' '));
        }
        break;
      case 'w:tbl':
        if (!close && !selfClose) tables.push({ rows: [], row: null, cell: null });
        else if (close) {
          const t = tables.pop();
          // A nested table: its text goes into the enclosing cell.
          const outer = tables[tables.length - 1];
          if (t && outer?.cell) outer.cell.paras.push(t.rows.map((r) => r.cells.map((c) => c.paras.join('')).join(' ')).join(' '));
        }
        break;
      case 'w:tr':
        if (!table) break;
        if (!close) table.row = { cells: [] };
        else if (table.row) {
          if (tables.length === 1) {
            const cells: SourceCell[] = table.row.cells.map((c) => ({ text: c.paras.join('').replace(/\s+/g, ' ').trim() }));
            emit(cells.map((c) => c.text).join('\t'), { cells, isTableRow: true });
          } else table.rows.push(table.row);
          table.row = null;
        }
        break;
      case 'w:tc':
        if (!table?.row) break;
        if (!close) {
          table.cell = { paras: [], cur: '' };
          table.row.cells.push(table.cell);
        } else table.cell = null;
        break;
      case 'w:vMerge':
        // A continuation cell (no val, or val="continue") prints nothing of its own.
        if (table?.cell && attr(attrs, 'val') !== 'restart') table.cell.paras = [];
        break;
    }
  }
  return lines;
}

export function readDocx(bytes: Uint8Array): SourceDoc {
  let files: Unzipped;
  let ofd = false;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name === 'OFD.xml') ofd = true;
        if (f.name !== 'word/document.xml') return false;
        if (f.originalSize > IMPORT_LIMITS.maxDocxXmlBytes) throw new ImportError('DOCX 的正文过大，不像一份年度报告');
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('DOCX 文件已损坏或不完整，无法解压', { cause: String(e) });
  }
  const xmlBytes = files['word/document.xml'];
  if (!xmlBytes) throw new ImportError(ofd ? OFD_NOT_READ : '压缩包中没有 word/document.xml，不是 Word 文档（DOCX）');
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(xmlBytes);
  } catch {
    throw new ImportError('DOCX 的正文不是有效的 UTF-8 XML，文件可能已损坏');
  }
  if (!/<w:body[\s>]/.test(xml)) throw new ImportError('DOCX 的正文不完整（缺少 w:body），文件可能已损坏');
  const lines = documentXmlLines(xml);
  if (lines.length > IMPORT_LIMITS.maxLines) throw new ImportError('DOCX 段落过多，不像一份年度报告');
  return { format: 'docx', lines };
}

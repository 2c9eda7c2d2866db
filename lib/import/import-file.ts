/**
 * The importer's entry point: bytes of an upload → report + findings + the source text for the
 * review screen. Checks size and type first, then reads and parses within a time limit; every
 * failure is an `ImportError` with a Chinese message.
 */
import { currentTemplate } from '../template/registry';
import type { ReportTemplate } from '../template/types';
import { ImportError } from './errors';
import { IMPORT_LIMITS } from './limits';
import { parseSource } from './parse';
import { findSoffice } from '../soffice';
import { AppError } from '../errors';
import { convertUntrustedToDocx } from './office-convert';
import CFB from 'cfb';
import { readDocx } from './read-docx';
import { readHtml } from './read-html';
import { readJson } from './read-json';
import { readPdf } from './read-pdf';
import { decodeText, readText } from './read-text';
import { sniffFormat } from './sniff';
import type { ImportResult, SourceDoc } from './types';

export type ImportOptions = { template?: ReportTemplate; timeoutMs?: number };

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ImportError(`文件解析超时（超过 ${Math.round(ms / 1000)} 秒），文件可能过大、过于复杂或已损坏`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function read(bytes: Uint8Array, fileName: string, deadline: number): Promise<SourceDoc | ImportResult> {
  const format = sniffFormat(bytes, fileName);
  switch (format) {
    case 'pdf':
      return readPdf(bytes, deadline);
    case 'docx':
      return readDocx(bytes);
    case 'json': {
      const text = decodeText(bytes);
      const report = readJson(text);
      return { report, findings: [{ message: '这是 nianbao 导出的报告文件，已原样导入', certainty: 'sure', kind: 'json' }], source: { format: 'json', text, lines: text.split('\n') } };
    }
    case 'text':
      return readText(bytes);
    case 'html':
    case 'mhtml':
      return readHtml(bytes, format === 'mhtml');
    case 'ole':
      return readDocx(await legacyWordToDocx(bytes, fileName, deadline));
  }
}

const SAVE_AS_DOCX = '请在 Word 或 WPS 中打开它，选「文件 → 另存为」，保存类型选「Word 文档（*.docx）」，再上传 .docx 文件';

/** Legacy Word (.doc) and WPS (.wps) files, through LibreOffice when it is installed. */
async function legacyWordToDocx(bytes: Uint8Array, fileName: string, deadline: number): Promise<Uint8Array> {
  const ext = /\.(doc|wps)$/i.exec(fileName)?.[1]?.toLowerCase() ?? 'doc';
  const kind = ext === 'wps' ? 'WPS 文字（.wps）' : '旧版 Word（.doc）';
  // The compound file's own directory first (cfb): a damaged or encrypted file is answered at
  // once instead of after a LibreOffice run.
  let streams: string[];
  try {
    streams = CFB.read(bytes, { type: 'buffer' }).FullPaths.map((p) => p.split('/').filter(Boolean).pop() ?? '');
  } catch {
    throw new ImportError(`这个${kind}文件已损坏，无法读取。${SAVE_AS_DOCX}`);
  }
  if (streams.includes('EncryptedPackage') || streams.includes('EncryptionInfo')) throw new ImportError(`这个${kind}文件设有打开密码，无法读取。请去掉密码，或${SAVE_AS_DOCX.slice(1)}`);
  if (streams.some((n) => /^(Workbook|Book|PowerPoint Document)$/.test(n))) throw new ImportError(`这是表格或演示文稿，不是 Word 或 WPS 文字文档。${SAVE_AS_DOCX}`);
  if (!findSoffice()) throw new ImportError(`这是${kind}文件，本服务器没有安装 LibreOffice，无法直接读取。${SAVE_AS_DOCX}`);
  let docx: Buffer;
  try {
    docx = await convertUntrustedToDocx(bytes, ext === 'wps' ? 'wps' : 'doc', Math.max(1000, deadline - Date.now()));
  } catch (e) {
    // Too many at once (429) or past the deadline: said as it is.
    if (e instanceof AppError) throw e;
    throw new ImportError(`这个${kind}文件无法转换（可能已加密或损坏）。${SAVE_AS_DOCX}`, { cause: String(e) });
  }
  return new Uint8Array(docx);
}

export async function importFile(bytes: Uint8Array, fileName: string, opts: ImportOptions = {}): Promise<ImportResult> {
  if (bytes.length === 0) throw new ImportError('文件是空的');
  if (bytes.length > IMPORT_LIMITS.maxBytes)
    throw new ImportError(`文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），上限为 ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB`);
  const ms = opts.timeoutMs ?? IMPORT_LIMITS.timeoutMs;
  const deadline = Date.now() + ms;
  const work = (async () => {
    const doc = await read(bytes, fileName, deadline);
    if ('report' in doc) return doc;
    return parseSource(doc, opts.template ?? currentTemplate);
  })();
  try {
    return await withTimeout(work, ms);
  } catch (e) {
    if (e instanceof AppError) throw e;
    // Anything else thrown by a reader on a hostile file is still the file's fault, not a crash.
    throw new ImportError('文件无法解析，可能已损坏或不是年度报告', { cause: String(e) });
  }
}

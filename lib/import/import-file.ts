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
import { readDocx } from './read-docx';
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
  }
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
    if (e instanceof ImportError) throw e;
    // Anything else thrown by a reader on a hostile file is still the file's fault, not a crash.
    throw new ImportError('文件无法解析，可能已损坏或不是年度报告', { cause: String(e) });
  }
}

/**
 * For the `nianbao` command line (wired in cli/ by the lead): read any importable file — JSON,
 * PDF, DOCX or text — from disk, and describe the import's findings as plain lines.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ImportError } from './errors';
import { importFile } from './import-file';
import { IMPORT_LIMITS } from './limits';
import type { ImportFinding, ImportResult } from './types';

/** Reads and imports a file; a missing, oversized or unreadable file is an `ImportError`. */
export async function importPath(file: string): Promise<ImportResult> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new ImportError(`找不到文件：${file}`);
  }
  if (size > IMPORT_LIMITS.maxBytes) throw new ImportError(`文件过大（${(size / 1024 / 1024).toFixed(1)} MB），上限为 ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB`);
  const bytes = new Uint8Array(await readFile(file));
  return importFile(bytes, path.basename(file));
}

const MARK: Record<ImportFinding['certainty'], string> = { sure: '✓', unsure: '?', missing: '✗' };

/** One line per finding that needs attention (unsure or missing); `all` includes the sure ones. */
export function describeImport(result: ImportResult, opts: { all?: boolean } = {}): string {
  const lines = result.findings
    .filter((f) => opts.all || f.certainty !== 'sure' || f.kind === 'inferred')
    .map((f) => {
      const where = f.lines ? (f.lines.from === f.lines.to ? `第 ${f.lines.from} 行` : `第 ${f.lines.from}–${f.lines.to} 行`) : '';
      return `${MARK[f.certainty]} ${f.message}${where ? `（${where}）` : ''}`;
    });
  return lines.length ? `${lines.join('\n')}\n` : '';
}

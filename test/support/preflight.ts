/**
 * Apache PDFBox Preflight (Debian: libpdfbox2-java, with libactivation-java and libjaxb-api-java,
 * which its Debian package does not pull in) — the PDF/A-1b validator reachable here. Its own
 * command-line class, Validator_A1b, prints 「The file … is a valid PDF/A-1b file」 or the list of
 * errors (「3.1.11 : Invalid Font definition, …」).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const JARS = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((j) => `/usr/share/java/${j}.jar`);

/** Why Preflight cannot run here, or null when it can. */
export function preflightMissing(): string | null {
  const missing = JARS.filter((j) => !existsSync(j));
  if (missing.length) return `缺少 ${missing.map((j) => path.basename(j)).join('、')}（apt-get install libpdfbox2-java libactivation-java libjaxb-api-java）`;
  if (!['/usr/bin/java', '/usr/local/bin/java'].some(existsSync)) return '缺少 java（apt-get install default-jre-headless）';
  return null;
}

export type PreflightResult = { valid: boolean; errors: string[]; output: string };

export async function preflightA1b(pdf: Uint8Array): Promise<PreflightResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-preflight-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    // It exits with the number of errors: read its output either way.
    const output = await run('java', ['-cp', JARS.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file], { timeout: 120_000 }).then(
      (r) => r.stdout + r.stderr,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
    const valid = /is a valid PDF\/A-1b file/.test(output);
    const errors = output.split('\n').filter((l) => /^\d+(\.\d+)+ : /.test(l.trim())).map((l) => l.trim());
    return { valid, errors, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

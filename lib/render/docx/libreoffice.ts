/**
 * Converts a DOCX to PDF with LibreOffice headless (Debian: libreoffice-writer-nogui), for
 * tests and benchmarks that check the DOCX opens as the same document. LibreOffice is given a
 * fontconfig file that maps the office font names the DOCX asks for (仿宋_GB2312, 黑体 …) to
 * the fonts our PDF uses, so page counts are comparable on a machine without those fonts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FONT_ROLES, ROLE_SPECS, resolveFonts, type FontSetup } from '../fonts';

const run = promisify(execFile);

export function findSoffice(): string | null {
  for (const p of [process.env.SOFFICE, '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'])
    if (p && existsSync(p)) return p;
  return null;
}

function fontconfig(setup: FontSetup, dir: string): string {
  const dirs = [...new Set(setup.faces.map((f) => path.dirname(f.file)))];
  const aliases = FONT_ROLES.map((role) => {
    const first = setup.roles[role].faces[0];
    return `<match target="pattern"><test name="family"><string>${ROLE_SPECS[role].official}</string></test>
  <edit name="family" mode="assign" binding="strong"><string>${familyNameOf(first.file)}</string></edit></match>`;
  });
  const xml = `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
${dirs.map((d) => `<dir>${d}</dir>`).join('\n')}
<cachedir>${path.join(dir, 'fc-cache')}</cachedir>
${[...new Set(aliases)].join('\n')}
</fontconfig>`;
  const file = path.join(dir, 'fonts.conf');
  writeFileSync(file, xml);
  return file;
}

/** The family name fontconfig will know a file by (from our file names; good enough for aliases). */
function familyNameOf(file: string): string {
  const base = path.basename(file).replace(/\.(ttf|otf)$/i, '');
  if (base.startsWith('NotoSerifSC')) return 'Noto Serif SC';
  if (base.startsWith('NotoSansSC')) return 'Noto Sans SC';
  if (base.startsWith('FandolFang')) return 'FandolFang';
  if (base.startsWith('FandolKai')) return 'FandolKai';
  return base;
}

/** Returns the PDF LibreOffice makes of `docx`, or null when soffice is not installed. */
export async function convertDocxWithLibreOffice(docx: Buffer, opts: { timeoutMs?: number } = {}): Promise<Buffer | null> {
  const soffice = findSoffice();
  if (!soffice) return null;
  const work = mkdtempSync(path.join(tmpdir(), 'nianbao-lo-'));
  try {
    const input = path.join(work, 'report.docx');
    writeFileSync(input, docx);
    mkdirSync(path.join(work, 'profile'));
    const env = { ...process.env, FONTCONFIG_FILE: fontconfig(resolveFonts(), work), HOME: work };
    await run(
      soffice,
      [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, input],
      { env, timeout: opts.timeoutMs ?? 120_000 },
    );
    return readFileSync(path.join(work, 'report.pdf'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A publication page printed to PDF by Chromium, as a portal reader or editor does with
 * 「打印 → 另存为 PDF」: the PDF producer most unlike ours (Skia), whose font tables give Kangxi
 * radicals for common characters. Chromium finds fonts through fontconfig; the machines that
 * run the tests may have no Chinese system font, so the fonts nianbao itself uses are added to
 * fontconfig's list for the printing process only.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveFonts } from '../../lib/render/fonts';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { QUICK } from './quick';

const run = promisify(execFile);

/** Chromium for the print checks, or null (not installed, or test:quick). */
export function chromiumForTests(): string | null {
  return QUICK ? null : findChromium();
}

export const chromiumSkipReason = (): string =>
  QUICK ? '（test:quick 不运行 Chromium）' : findChromium() ? '' : '（未安装 chromium：apt-get install chromium）';

export async function printHtmlWithChromium(chromium: string, html: string): Promise<Uint8Array> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-print-'));
  try {
    const fontDirs = [...new Set(resolveFonts().faces.map((f) => path.dirname(f.file)))];
    writeFileSync(
      path.join(dir, 'fonts.conf'),
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>` +
        `<include ignore_missing="yes">/etc/fonts/fonts.conf</include>` +
        fontDirs.map((d) => `<dir>${d}</dir>`).join('') +
        `<cachedir>${path.join(dir, 'cache')}</cachedir></fontconfig>`,
    );
    writeFileSync(path.join(dir, 'page.html'), html);
    const pdf = path.join(dir, 'page.pdf');
    await run(
      chromium,
      ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${path.join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${path.join(dir, 'page.html')}`],
      { env: { ...process.env, FONTCONFIG_FILE: path.join(dir, 'fonts.conf') }, timeout: 60_000 },
    );
    return new Uint8Array(readFileSync(pdf));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

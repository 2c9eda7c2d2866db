/**
 * Converts a DOCX to PDF with LibreOffice headless (Debian: libreoffice-writer-nogui), for
 * tests and benchmarks that check the DOCX opens as the same document. LibreOffice is given a
 * fontconfig file that maps the office font names the DOCX asks for (仿宋_GB2312, 黑体 …) to
 * the fonts our PDF uses, so page counts are comparable on a machine without those fonts.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FONT_ROLES, ROLE_SPECS, resolveFonts, type FontSetup } from '../fonts';
import { DOCX_LATIN_FONT } from './font-table';
import { findSoffice } from '../../soffice';

const run = promisify(execFile);


/** A Linux desk with no office fonts: Debian's fonts-noto-cjk and fonts-liberation, nothing else. */
export const PLAIN_DESK_FONT_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/liberation'];

/** Which fonts LibreOffice sees: ours under the office names (default), or a plain desk's. */
export type LibreOfficeFonts = 'ours' | 'plainDesk';

/**
 * A plain desk's fontconfig: only its font folders, and the distribution's rules (/etc/fonts/conf.d:
 * Times New Roman → Liberation Serif by metric, zh-cn serif → Noto Serif CJK SC …).
 */
function plainDeskFontconfig(dir: string): string {
  const xml = `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
${PLAIN_DESK_FONT_DIRS.map((d) => `<dir>${d}</dir>`).join('\n')}
<cachedir>${path.join(dir, 'fc-cache')}</cachedir>
<include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>`;
  const file = path.join(dir, 'fonts.conf');
  writeFileSync(file, xml);
  return file;
}

/** The font families fontconfig offers under `fonts` (fc-list), or null without fc-list. */
export async function libreOfficeFontFamilies(fonts: LibreOfficeFonts): Promise<string[] | null> {
  const work = mkdtempSync(path.join(tmpdir(), 'nianbao-fc-'));
  try {
    const file = fonts === 'plainDesk' ? plainDeskFontconfig(work) : fontconfig(resolveFonts(), work);
    const { stdout } = await run('fc-list', [':', 'family'], { env: { ...process.env, FONTCONFIG_FILE: file } });
    return [...new Set(stdout.split('\n').map((l) => l.split(',')[0].trim()).filter(Boolean))].sort();
  } catch {
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function fontconfig(setup: FontSetup, dir: string): string {
  const dirs = [...new Set(setup.faces.map((f) => path.dirname(f.file)))];
  const alias = (name: string, file: string) => `<match target="pattern"><test name="family"><string>${name}</string></test>
  <edit name="family" mode="assign" binding="strong"><string>${familyNameOf(file)}</string></edit></match>`;
  // Digits and Latin (Times New Roman in the DOCX) as our PDF prints them: in the body's font.
  const aliases = [
    ...FONT_ROLES.map((role) => alias(ROLE_SPECS[role].official, setup.roles[role].faces[0].file)),
    alias(DOCX_LATIN_FONT, setup.roles.body.faces[0].file),
  ];
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

/**
 * A scratch directory for one soffice: its own profile (so it never meets the user's, or another
 * soffice's, lock) and the fontconfig file. `args` start with the profile flag; `env` carries the
 * fonts. The caller removes `work`.
 */
function sandbox(fonts: LibreOfficeFonts = 'ours'): { work: string; args: string[]; env: NodeJS.ProcessEnv } {
  const work = mkdtempSync(path.join(tmpdir(), 'nianbao-lo-'));
  try {
    mkdirSync(path.join(work, 'profile'));
    const file = fonts === 'plainDesk' ? plainDeskFontconfig(work) : fontconfig(resolveFonts(), work);
    const env = { ...process.env, FONTCONFIG_FILE: file, HOME: work };
    return { work, args: [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--norestore'], env };
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Converts an office file LibreOffice reads (`ext`: doc, wps, …) to `to` (docx, pdf) in a
 * sandbox of its own; null when soffice is not installed. Throws when LibreOffice cannot.
 */
export async function convertWithLibreOffice(bytes: Uint8Array, ext: string, to: 'docx' | 'pdf', opts: { timeoutMs?: number } = {}): Promise<Buffer | null> {
  const soffice = findSoffice();
  if (!soffice) return null;
  const { work, args, env } = sandbox();
  try {
    const input = path.join(work, `input.${ext.replace(/[^a-z0-9]/gi, '') || 'bin'}`);
    writeFileSync(input, bytes);
    await run(soffice, [...args, '--convert-to', to, '--outdir', work, input], { env, timeout: opts.timeoutMs ?? 120_000 });
    return readFileSync(path.join(work, `input.${to}`));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Returns the PDF LibreOffice makes of `docx`, or null when soffice is not installed. */
export async function convertDocxWithLibreOffice(docx: Buffer, opts: { timeoutMs?: number; fonts?: LibreOfficeFonts } = {}): Promise<Buffer | null> {
  const soffice = findSoffice();
  if (!soffice) return null;
  const { work, args, env } = sandbox(opts.fonts);
  try {
    const input = path.join(work, 'report.docx');
    writeFileSync(input, docx);
    await run(soffice, [...args, '--convert-to', 'pdf', '--outdir', work, input], { env, timeout: opts.timeoutMs ?? 120_000 });
    return readFileSync(path.join(work, 'report.pdf'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export type LibreOfficeListener = { convert(docx: Buffer): Promise<Buffer>; close(): Promise<void> };

/**
 * An soffice kept running, converting on request: what a server would run instead of paying
 * LibreOffice's start-up per document. Null when soffice is not installed.
 *
 * No UNO bridge (python3-uno) is needed: a second `soffice --convert-to` with the same profile
 * hands its request to the running instance through LibreOffice's own pipe and waits for it to
 * finish. A headless instance shuts itself down once a handed-over conversion leaves it with no
 * document open, so the listener keeps a one-line text file open. (Checked on 7.4: without it the
 * first conversion ends the listener and the next ones start cold; with it every conversion runs
 * in the listener, ~0.13 s against ~1.2 s fresh for the six-page report; the hand-over itself
 * costs ~25 ms, so a UNO client could save little more.)
 */
export async function startLibreOfficeListener(opts: { startTimeoutMs?: number; timeoutMs?: number } = {}): Promise<LibreOfficeListener | null> {
  const soffice = findSoffice();
  if (!soffice) return null;
  const { work, args, env } = sandbox();
  const keep = path.join(work, 'keep.txt');
  writeFileSync(keep, 'keep\n');
  // Its own process group, so that one kill takes oosplash and soffice.bin together.
  const child = spawn(soffice, [...args, '--invisible', keep], { env, detached: true, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve()); // could not start: reported as "exited" below
  });
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  // However the caller ends (error, forgotten close, Ctrl-C), the listener must not outlive it.
  const onExit = () => {
    kill();
    rmSync(work, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    onExit();
    process.kill(process.pid, signal);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  process.once('exit', onExit);
  for (const s of signals) process.once(s, onSignal);
  child.unref();
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      process.off('exit', onExit);
      for (const s of signals) process.off(s, onSignal);
      kill();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      rmSync(work, { recursive: true, force: true });
    })());

  try {
    // Ready once the kept file is open (LibreOffice then writes its lock file next to it): a
    // conversion sent earlier might find no pipe and start an office of its own.
    let gone = false;
    void exited.then(() => (gone = true));
    const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
    while (!existsSync(path.join(work, '.~lock.keep.txt#'))) {
      if (gone) throw new Error(`LibreOffice listener exited before it was ready (code ${child.exitCode})`);
      if (Date.now() > deadline) throw new Error('LibreOffice listener not ready in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (e) {
    await close();
    throw e;
  }

  let n = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const convertOne = async (docx: Buffer): Promise<Buffer> => {
    if (closed) throw new Error('LibreOffice listener is closed');
    const input = path.join(work, `in-${++n}.docx`);
    const output = input.replace(/\.docx$/, '.pdf');
    writeFileSync(input, docx);
    try {
      const { stdout } = await run(soffice, [...args, '--convert-to', 'pdf', '--outdir', work, input], { env, timeout: opts.timeoutMs ?? 120_000 });
      // The listener prints "convert …"; if this process did, it converted on its own, cold.
      if (stdout.includes('convert ')) throw new Error('conversion did not reach the LibreOffice listener');
      if (!existsSync(output)) throw new Error('LibreOffice listener wrote no PDF');
      return readFileSync(output);
    } finally {
      rmSync(input, { force: true });
      rmSync(output, { force: true });
    }
  };
  return {
    // One at a time: a queued request then measures conversion, not contention.
    convert: (docx) => {
      const result = queue.then(() => convertOne(docx));
      queue = result.catch(() => {});
      return result;
    },
    close,
  };
}

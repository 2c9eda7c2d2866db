/**
 * A legacy Word (.doc) or WPS (.wps) upload converted to DOCX by LibreOffice — a large program
 * reading a stranger's file, so it runs confined (issue 26: a linked image
 * `INCLUDEPICTURE "http://127.0.0.1:9/x.png" \d` made it send OPTIONS, HEAD and GET to a
 * loopback port; a port that never answers kept soffice.bin alive for minutes after the
 * import's deadline, with its folder left behind, as many at once as a filer uploaded):
 *
 * - No network. soffice runs in a network namespace of its own, where not even loopback is up
 *   (`unshare -n` as root, `unshare -rn` — a user namespace — otherwise; detected once per
 *   thread, a warning when neither works), and in any case with a profile whose http, https,
 *   WebDAV, FTP and CMIS content providers are switched off: it has no way to fetch a URL.
 * - A hard deadline. `timeout -s KILL` in front of it kills its whole process group (oosplash and
 *   soffice.bin) at the deadline — also when the import worker thread that started it has been
 *   terminated, or the server itself is gone.
 * - Its folder removed in every outcome: the shell that starts it copies the DOCX to its
 *   standard output once soffice has ended, then removes the folder (a profile, the upload).
 * - At most `NIANBAO_LIBREOFFICE_MAX` (default 2) at once per server process: each run holds a
 *   folder `nianbao-lo-<pid>-<slot>` made with mkdir, which is atomic across the import worker
 *   threads; when every slot is held the upload is refused at once (429, in Chinese). A slot
 *   whose shell is gone (the machine was reset mid-run) is taken back.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../errors';
import { env } from '../env';
import { findSoffice } from '../soffice';
import { ImportError } from './errors';

/** The DOCX LibreOffice writes of a 20 MB upload is far smaller; more is refused. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** URL schemes whose content providers the profile switches off (main.xcd: ProviderData). */
const NETWORK_PROVIDERS = ['Provider3', 'Provider4', 'Provider12', 'Provider6', 'Provider43']; // http, vnd.sun.star.webdav, https, ftp, cmis

const item = (p: string, prop: string, value: string) =>
  `<item oor:path="${p}"><prop oor:name="${prop}" oor:op="fuse"><value>${value}</value></prop></item>`;

/** The profile's settings: no network content providers, no update check, no macros, no link updates. */
export const PROFILE_SETTINGS =
  `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n` +
  [
    ...NETWORK_PROVIDERS.map((p) => item(`/org.openoffice.ucb.Configuration/ContentProviders/Local/SecondaryKeys/Office/ProviderData/${p}`, 'URLTemplate', 'nianbao-disabled')),
    item('/org.openoffice.Office.Common/Security/Scripting', 'BlockUntrustedRefererLinks', 'true'),
    item('/org.openoffice.Office.Common/Security/Scripting', 'DisableMacrosExecution', 'true'),
    item('/org.openoffice.Office.Common/Security/Scripting', 'MacroSecurityLevel', '3'),
    item('/org.openoffice.Office.Writer/Content/Update', 'Link', '2'),
    item("/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments", 'AutoCheckEnabled', 'false'),
  ].join('\n') +
  '\n</oor:items>\n';

/**
 * $1 the folder, $2 seconds, then the command. The shell is the process group's leader; `timeout`
 * makes a group of its own for soffice and kills all of it at the deadline, and the shell lives
 * on to hand over the DOCX and remove the folder.
 */
const SCRIPT = `work="$1"; secs="$2"; shift 2
echo $$ > "$work/pid"
timeout -s KILL "$secs" "$@" </dev/null >/dev/null 2>&1
code=$?
if [ "$code" -eq 0 ] && [ -f "$work/input.docx" ]; then cat "$work/input.docx"; fi
rm -rf "$work"
exit "$code"`;

let jail: string[] | undefined;

/** `unshare` with a network namespace of its own, as this process may make one; [] when it cannot. */
export function networkJail(): string[] {
  if (jail) return jail;
  for (const flags of ['-n', '-rn']) {
    const r = spawnSync('unshare', [flags, 'true'], { stdio: 'ignore', timeout: 5_000 });
    if (r.status === 0) return (jail = ['unshare', flags]);
  }
  console.warn('[nianbao] LibreOffice 转换无法放入独立的网络命名空间（unshare 不可用）；仅靠配置文件关闭其网络访问');
  return (jail = []);
}

export function slotFolder(slot: number): string {
  return path.join(tmpdir(), `nianbao-lo-${process.pid}-${slot}`);
}

/** A slot whose shell is gone: ours, a plain folder, and its shell's pid not running (or never written for a minute). */
function abandoned(dir: string): boolean {
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return true; // gone since mkdir found it: free again
  }
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) return false;
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dir, 'pid'), 'utf8').trim());
  } catch {
    return Date.now() - st.mtimeMs > 60_000;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

function takeSlot(max: number): string | null {
  for (let slot = 0; slot < max; slot++) {
    const dir = slotFolder(slot);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        mkdirSync(dir, { mode: 0o700 });
        return dir;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        if (attempt > 0 || !abandoned(dir)) break;
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return null;
}

/** How many conversions may run at once (NIANBAO_LIBREOFFICE_MAX). */
export function maxConversions(): number {
  return env().libreOfficeMax;
}

/** The DOCX LibreOffice makes of `bytes` (`ext`: doc or wps) within `timeoutMs`, confined as above. */
export async function convertUntrustedToDocx(bytes: Uint8Array, ext: 'doc' | 'wps', timeoutMs: number): Promise<Buffer> {
  const soffice = findSoffice();
  if (!soffice || !existsSync('/bin/sh')) throw new ImportError('本服务器没有安装 LibreOffice，无法转换');
  const max = maxConversions();
  const work = takeSlot(max);
  if (!work) throw new AppError('RATE_LIMITED', `正在转换的旧版 Word/WPS 文件过多（同时最多 ${max} 个），请稍后再导入`);
  let started = false;
  try {
    mkdirSync(path.join(work, 'profile', 'user'), { recursive: true });
    writeFileSync(path.join(work, 'profile', 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);
    const input = path.join(work, `input.${ext}`);
    writeFileSync(input, bytes);
    const args = [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--norestore', '--nologo', '--nolockcheck', '--convert-to', 'docx', '--outdir', work, input];
    const seconds = Math.max(1, timeoutMs / 1000).toFixed(1);
    const child = spawn('/bin/sh', ['-c', SCRIPT, 'nianbao-lo', work, seconds, ...networkJail(), soffice, ...args], {
      // Its own process group, apart from the server's: a signal to the server does not reach it
      // before it has cleaned up, and the worker thread that started it may end first.
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, TMPDIR: work, LANG: 'C.UTF-8', SAL_USE_VCLPLUGIN: 'svp' } as unknown as NodeJS.ProcessEnv,
    });
    started = true;
    return await new Promise<Buffer>((resolve, reject) => {
      const parts: Buffer[] = [];
      let size = 0;
      child.stdout!.on('data', (d: Buffer) => {
        size += d.length;
        if (size > MAX_OUTPUT_BYTES) {
          child.stdout!.destroy(); // the shell's cat stops; the shell still removes the folder
          reject(new ImportError('转换结果过大，无法导入'));
        } else parts.push(d);
      });
      child.once('error', reject);
      child.once('close', (code) => {
        // 137: killed at the deadline (timeout -s KILL); 124 would be timeout's own.
        if (code === 137 || code === 124) reject(new ImportError(`文件转换超时（超过 ${Math.round(timeoutMs / 1000)} 秒），已停止`));
        else if (code !== 0 || size === 0) reject(new Error(`LibreOffice exited with ${code}`));
        else resolve(Buffer.concat(parts));
      });
    });
  } finally {
    // Before the shell started, nobody else will remove the slot.
    if (!started) rmSync(work, { recursive: true, force: true });
  }
}

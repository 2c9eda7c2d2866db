/**
 * PGlite is PostgreSQL inside one process: a second process opening the same folder (a second
 * `npm start`, or `nianbao admin create` while the app runs) would write over the first one's
 * pages. A lock file beside the folder, holding the owner's PID, makes the second one stop with
 * a clear message instead. A lock left by a process that no longer exists is taken over.
 */
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';

export class DataDirBusy extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of `dataDir` for this process; returns the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new DataDirBusy(
          `数据目录 ${dataDir} 正被另一个 nianbao 进程使用（PID ${owner}）。内置数据库同一时间只能由一个进程打开：请先停止该进程。` +
            `若 PID ${owner} 并不是 nianbao（例如容器重启后编号被占用），删除 ${file} 后重试。`,
        );
      }
      // Stale (its process is gone) or our own from an earlier open that was not closed.
      unlinkSync(file);
    }
  }
  throw new DataDirBusy(`无法锁定数据目录 ${dataDir}`);
}

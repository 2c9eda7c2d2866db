/**
 * `nianbao admin create`: the first administrator of an installation started with
 * NIANBAO_DEMO=0, on the database the app uses (DATABASE_URL, else PGlite under
 * NIANBAO_DATA_DIR). The password is read from standard input, never from the command line,
 * where other users of the machine could read it in the process list.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { migrationBackupDir, openDb } from '../lib/db/client';
import { env } from '../lib/env';
import { createFirstAdmin } from '../lib/server/admin';

export type AdminCreateArgs = { agency?: string; username?: string; name?: string };

/** The first line of standard input; at a terminal, typed without echo. */
export async function readPassword(input: NodeJS.ReadStream, prompt: (t: string) => void): Promise<string> {
  if (input.isTTY) {
    prompt('请输入新管理员的密码（输入时不显示）：');
    return readHidden(input).finally(() => prompt('\n'));
  }
  const rl = createInterface({ input, terminal: false });
  try {
    for await (const line of rl) return line.replace(/\r$/, '');
    return '';
  } finally {
    rl.close();
  }
}

function readHidden(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(), resolve(typed);
        if (ch === '\u0003') return finish(), reject(new Error('已取消'));
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

export async function adminCreateCommand(args: AdminCreateArgs, password: string): Promise<string> {
  const e = env();
  const handle = await openDb({ url: e.databaseUrl, dataDir: e.databaseUrl ? undefined : path.resolve(e.dataDir, 'pglite'), migrationBackup: migrationBackupDir(e) });
  try {
    const made = await createFirstAdmin(handle.db, {
      agencyName: args.agency ?? '',
      username: args.username ?? '',
      displayName: args.name ?? args.username ?? '',
      password,
    });
    return `已创建管理员「${args.username}」${made.agencyCreated ? `和机关「${args.agency}」` : `（机关「${args.agency}」）`}。请登录后在「系统管理」中建立下级机关和账号。\n`;
  } finally {
    await handle.close();
  }
}

import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginFailures, users } from '../db/schema';
import { hashPassword, verifyPassword } from './password';
import { createSession } from './session';

/** Five wrong passwords for one account, or thirty from one address, within the window. */
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_IP = 30;

export type LoginResult = { ok: true; token: string; expiresAt: Date } | { ok: false; message: string };

// Verifying against a real hash when the account does not exist keeps the answer time the
// same, so the login form does not reveal which user names exist.
let dummyHash: Promise<string> | undefined;

export async function login(db: Db, input: { username: string; password: string; ip: string }): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);
  const [{ byUser, byIp }] = await db
    .select({
      byUser: sql<number>`count(*) filter (where ${loginFailures.username} = ${username})::int`,
      byIp: sql<number>`count(*) filter (where ${loginFailures.ip} = ${input.ip})::int`,
    })
    .from(loginFailures)
    .where(gt(loginFailures.at, since));
  if (byUser >= MAX_FAILURES_PER_USER || byIp >= MAX_FAILURES_PER_IP) {
    return { ok: false, message: `登录失败次数过多，请 ${LOGIN_WINDOW_MINUTES} 分钟后再试，或联系管理员` };
  }
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${username}`)
    .limit(1);
  const ok = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await (dummyHash ??= hashPassword('not a password')), input.password).then(() => false);
  if (!ok || !user) {
    await db.insert(loginFailures).values({ username, ip: input.ip });
    return { ok: false, message: '用户名或密码错误' };
  }
  if (!user.isActive) return { ok: false, message: '此账号已停用，请联系管理员' };
  await db.delete(loginFailures).where(and(eq(loginFailures.username, username)));
  const session = await createSession(db, user.id);
  return { ok: true, ...session };
}

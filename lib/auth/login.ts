import { like, or, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginThrottle, users } from '../db/schema';
import { hasUnsafeChars } from '../validation';
import { hashPassword, verifyPassword } from './password';
import { createSession } from './session';

/**
 * Sign-in limits. The trade-off chosen (README, 「登录限制」): a hard lock per account would let
 * anyone shut any clerk out with five wrong passwords, so the hard limits are per address —
 *
 * - one address, one account: 5 attempts in 15 minutes, then that address may not try that
 *   account until the window ends (the clerk at another address is not affected);
 * - one address, all accounts: 30 failed attempts in 15 minutes;
 * - one account, all addresses: after 10 failures in the window, a growing delay between
 *   attempts (2 s, 4 s, … at most 60 s), so guessing from many addresses stays slow while the
 *   owner waits at most a minute.
 *
 * Every limit is one row of login_throttle, counted by an upsert that decides and counts in one
 * statement: parallel attempts are serialised on the row, on any number of app instances.
 */
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;
export const ACCOUNT_DELAY_AFTER = 10;
export const ACCOUNT_DELAY_MAX_SECONDS = 60;

export type LoginResult = { ok: true; token: string; expiresAt: Date } | { ok: false; message: string };

// Verifying against a real hash when the account does not exist keeps the answer time the
// same, so the login form does not reveal which user names exist.
let dummyHash: Promise<string> | undefined;

const TOO_MANY = `登录失败次数过多，请 ${LOGIN_WINDOW_MINUTES} 分钟后再试，或联系管理员`;

type Key = { key: string; max: number; delay: boolean };

/**
 * Takes one attempt on a key when its limit allows: true when taken. The window restarts when
 * it has passed; within it, attempts count up to `max`, and with `delay` each attempt past
 * ACCOUNT_DELAY_AFTER pushes the next allowed moment further out.
 */
async function take(db: Db, k: Key): Promise<number | null> {
  // clock_timestamp(), not now(): parallel statements must compare against the same clock the
  // one before them wrote with, not against their own (earlier) start.
  const window = sql.raw(`interval '${LOGIN_WINDOW_MINUTES} minutes'`);
  const expired = sql`login_throttle.window_start < clock_timestamp() - ${window}`;
  const attempts = sql`(case when ${expired} then 1 else login_throttle.attempts + 1 end)`;
  const nextAt = k.delay
    ? sql`case when ${attempts} > ${ACCOUNT_DELAY_AFTER}::int
        then clock_timestamp() + make_interval(secs => least(${ACCOUNT_DELAY_MAX_SECONDS}::int, power(2, ${attempts} - ${ACCOUNT_DELAY_AFTER}::int)))
        else '-infinity'::timestamptz end`
    : sql`'-infinity'::timestamptz`;
  const rows = await db.execute(sql`
    insert into login_throttle (key, attempts, window_start, next_at)
    values (${k.key}, 1, clock_timestamp(), '-infinity'::timestamptz)
    on conflict (key) do update set
      attempts = ${attempts},
      window_start = case when ${expired} then clock_timestamp() else login_throttle.window_start end,
      next_at = ${nextAt}
    where ${expired} or (login_throttle.attempts < ${k.max}::int and login_throttle.next_at <= clock_timestamp())
    returning attempts`);
  const [row] = rowsOf(rows) as { attempts: number | string }[];
  return row ? Number(row.attempts) : null;
}

/** Gives an attempt back: a success is not a failure, a refused attempt was never checked. */
async function giveBack(db: Db, key: string): Promise<void> {
  await db.update(loginThrottle).set({ attempts: sql`greatest(${loginThrottle.attempts} - 1, 0)` }).where(eq(loginThrottle.key, key));
}

function rowsOf(result: unknown): unknown[] {
  // node-postgres answers { rows }, PGlite answers { rows } too; drizzle passes them through.
  return (result as { rows?: unknown[] }).rows ?? (result as unknown[]);
}

/** The account's limits are lifted: after a sign-in, or when an admin sets a new password. */
export async function clearAccountLimits(db: Db, username: string): Promise<void> {
  const name = username.trim().toLowerCase();
  await db.delete(loginThrottle).where(or(eq(loginThrottle.key, `acct:${name}`), like(loginThrottle.key, `acct-addr:${escapeLike(name)}|%`)));
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * 「用户名或密码错误」, and from the WARN_AFTER-th wrong try on how many are left before this
 * address is locked out of the account for the window — the same for a user name that does not
 * exist, so it tells nothing about which names do.
 */
export const WARN_AFTER = 3;
function wrongPassword(tries: number): string {
  const left = MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS - tries;
  if (tries < WARN_AFTER) return '用户名或密码错误';
  if (left <= 0) return `用户名或密码错误。已连续错误 ${tries} 次，此账号在本机将锁定 ${LOGIN_WINDOW_MINUTES} 分钟，可联系管理员重置密码`;
  return `用户名或密码错误。再错 ${left} 次，此账号在本机将锁定 ${LOGIN_WINDOW_MINUTES} 分钟`;
}

export async function login(db: Db, input: { username: string; password: string; ip: string }): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  // Nothing a user name can hold reaches the database unless it could be a user name.
  if (!username || hasUnsafeChars(username) || hasUnsafeChars(input.ip)) return { ok: false, message: '用户名或密码错误' };
  const addr: Key = { key: `addr:${input.ip}`, max: MAX_FAILURES_PER_ADDRESS, delay: false };
  const pair: Key = { key: `acct-addr:${username}|${input.ip}`, max: MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, delay: false };
  const account: Key = { key: `acct:${username}`, max: 1_000_000_000, delay: true };
  if ((await take(db, addr)) === null) return { ok: false, message: TOO_MANY };
  const tries = await take(db, pair);
  if (tries === null) {
    await giveBack(db, addr.key);
    return { ok: false, message: TOO_MANY };
  }
  if ((await take(db, account)) === null) {
    await giveBack(db, addr.key);
    await giveBack(db, pair.key);
    return { ok: false, message: '此账号近期登录失败较多，请稍候一分钟再试' };
  }

  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${username}`)
    .limit(1);
  const ok = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await (dummyHash ??= hashPassword('not a password')), input.password).then(() => false);
  if (!ok || !user) return { ok: false, message: wrongPassword(tries) };
  if (!user.isActive) return { ok: false, message: '此账号已停用，请联系管理员' };
  await giveBack(db, addr.key);
  await clearAccountLimits(db, username);
  const session = await createSession(db, user.id);
  return { ok: true, ...session };
}

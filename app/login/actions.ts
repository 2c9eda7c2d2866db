'use server';
/**
 * Server actions: sign in and sign out. Who: anyone (sign in), the signed-in user (sign out).
 * Touches: sessions, login_throttle.
 */
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { login } from '@/lib/auth/login';
import { SESSION_COOKIE, deleteSession } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/http/client-address';
import { internalError } from '@/lib/log';

export type LoginState = { message: string | null; username: string };

async function clientIp(): Promise<string> {
  return clientAddress(await headers(), env().trustProxy);
}

export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const username = String(form.get('username') ?? '').slice(0, 64);
  const password = String(form.get('password') ?? '').slice(0, 256);
  if (!username || !password) return { message: '请输入用户名和密码', username };
  let result: Awaited<ReturnType<typeof login>>;
  try {
    result = await login(await getDb(), { username, password, ip: await clientIp() });
  } catch (e) {
    throw internalError('loginAction', e);
  }
  if (!result.ok) return { message: result.message, username };
  (await cookies()).set(SESSION_COOKIE, result.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().secureCookies,
    path: '/',
    expires: result.expiresAt,
  });
  redirect('/reports');
}

export async function logoutAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await deleteSession(await getDb(), token);
  jar.delete(SESSION_COOKIE);
  redirect('/login');
}

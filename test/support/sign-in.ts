import type { Db } from '../../lib/db/client';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { login } from '../../lib/auth/login';
import { getSessionUser } from '../../lib/auth/session';
import type { SessionUser } from '../../lib/auth/types';

/** Signs a demo account in (the demo password) and returns the session's user, as a request would see it. */
export async function signInDemo(db: Db, username: string, password = DEMO_PASSWORD): Promise<SessionUser> {
  const r = await login(db, { username, password, ip: '127.0.0.1' });
  if (!r.ok) throw new Error(r.message);
  return (await getSessionUser(db, r.token))!;
}

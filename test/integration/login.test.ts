/**
 * The sign-in limits (lib/auth/login.ts): atomic under parallel attempts, per address and
 * account so that nobody can lock a clerk out from elsewhere, a growing delay per account.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { DbHandle } from '../../lib/db/client';
import { loginThrottle } from '../../lib/db/schema';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { ACCOUNT_DELAY_AFTER, login, MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, MAX_FAILURES_PER_ADDRESS } from '../../lib/auth/login';
import { backends } from '../support/databases';

const list = await backends();
const WRONG = '用户名或密码错误';

for (const backend of list) {
  describe(`sign-in limits on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    beforeAll(async () => {
      h = await backend.open();
    }, 60_000);
    afterAll(async () => h?.drop());

    it('checks at most 5 of 100 parallel wrong passwords for one account from one address', async () => {
      const results = await Promise.all(
        Array.from({ length: 100 }, () => login(h.db, { username: 'ziwei', password: 'wrong', ip: '192.0.2.1' })),
      );
      const checked = results.filter((r) => !r.ok && r.message.startsWith(WRONG)).length;
      expect(checked).toBe(MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS);
      expect(results.every((r) => !r.ok)).toBe(true);
      // The right password from that address is refused too, until the window ends…
      const fromThere = await login(h.db, { username: 'ziwei', password: DEMO_PASSWORD, ip: '192.0.2.1' });
      expect(fromThere).toEqual({ ok: false, message: expect.stringContaining('次数过多') });
      // …but the clerk at another address signs in: nobody can lock an account from elsewhere.
      const owner = await login(h.db, { username: 'ziwei', password: DEMO_PASSWORD, ip: '198.51.100.7' });
      expect(owner.ok).toBe(true);
    }, 60_000);

    it('stops one address after 30 failures over any accounts, and a success does not count', async () => {
      const ip = '192.0.2.50';
      expect((await login(h.db, { username: 'wenfeng', password: DEMO_PASSWORD, ip })).ok).toBe(true);
      for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
        expect(await login(h.db, { username: `nobody-${i}`, password: 'x', ip })).toEqual({ ok: false, message: WRONG });
      }
      const next = await login(h.db, { username: 'wenfeng', password: DEMO_PASSWORD, ip });
      expect(next).toEqual({ ok: false, message: expect.stringContaining('次数过多') });
    }, 60_000);

    it('slows an account attacked from many addresses, and lets the owner in once the delay has passed', async () => {
      for (let i = 0; i < ACCOUNT_DELAY_AFTER + 1; i++) {
        expect(await login(h.db, { username: 'dongdajie', password: 'x', ip: `203.0.113.${i + 1}` })).toEqual({ ok: false, message: WRONG });
      }
      const during = await login(h.db, { username: 'dongdajie', password: DEMO_PASSWORD, ip: '198.51.100.9' });
      expect(during).toEqual({ ok: false, message: expect.stringContaining('请稍候') });
      const [row] = await h.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'acct:dongdajie'));
      const delay = (row.nextAt.getTime() - Date.now()) / 1000;
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThanOrEqual(60);
      // The delay passes (moved into the past rather than waited for in a test).
      await h.db.update(loginThrottle).set({ nextAt: sql`now() - interval '1 second'` }).where(eq(loginThrottle.key, 'acct:dongdajie'));
      const after = await login(h.db, { username: 'dongdajie', password: DEMO_PASSWORD, ip: '198.51.100.9' });
      expect(after.ok).toBe(true);
      // A sign-in lifts the account's limits.
      expect(await h.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'acct:dongdajie'))).toEqual([]);
    }, 60_000);

    it('from the 3rd wrong password says how many tries are left before the 15-minute lock, for any user name', async () => {
      for (const username of ['wenfeng', 'nobody-at-all']) {
        const ip = username === 'wenfeng' ? '192.0.2.60' : '192.0.2.61';
        const said = [];
        for (let i = 0; i < 6; i++) said.push((await login(h.db, { username, password: 'x', ip })) as { message: string });
        expect(said.map((r) => r.message)).toEqual([
          WRONG,
          WRONG,
          `${WRONG}。再错 2 次，此账号在本机将锁定 15 分钟`,
          `${WRONG}。再错 1 次，此账号在本机将锁定 15 分钟`,
          `${WRONG}。已连续错误 5 次，此账号在本机将锁定 15 分钟，可联系管理员重置密码`,
          expect.stringContaining('次数过多'),
        ]);
      }
    }, 60_000);

    it('refuses a user name with control characters without asking the database', async () => {
      expect(await login(h.db, { username: 'zi\u0000wei', password: 'x', ip: '192.0.2.99' })).toEqual({ ok: false, message: WRONG });
    });
  });
}

/**
 * NIANBAO_REVIEW_SCOPE: a reviewer approves the reports of the whole subtree (`subtree`, the
 * default) or of the agencies directly below (`children`), and sees the whole subtree either way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../lib/db/client';
import { agencies, users } from '../../lib/db/schema';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { hashPassword } from '../../lib/auth/password';
import { login } from '../../lib/auth/login';
import { getSessionUser } from '../../lib/auth/session';
import { scopeOf } from '../../lib/auth/permissions';
import type { SessionUser } from '../../lib/auth/types';
import { backends } from '../support/databases';

for (const backend of await backends()) {
  describe(`review scope on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    let city: SessionUser;
    const id: Record<string, string> = {};

    beforeAll(async () => {
      h = await backend.open();
      // 安阳市 above the demo's 文峰区 (and its two street offices), with a reviewer of its own.
      const [anyang] = await h.db.insert(agencies).values({ name: '安阳市' }).returning();
      await h.db.update(agencies).set({ parentId: anyang.id }).where(eq(agencies.name, '文峰区'));
      await h.db.insert(users).values({ username: 'anyang', displayName: '安阳市政务公开办', role: 'reviewer', agencyId: anyang.id, passwordHash: await hashPassword(DEMO_PASSWORD) });
      for (const a of await h.db.select().from(agencies)) id[a.name] = a.id;
      const r = await login(h.db, { username: 'anyang', password: DEMO_PASSWORD, ip: '127.0.0.1' });
      if (!r.ok) throw new Error(r.message);
      city = (await getSessionUser(h.db, r.token))!;
    }, 60_000);
    afterAll(async () => h?.drop());

    it('subtree: the city sees and reviews the district and its offices', async () => {
      const scope = await scopeOf(h.db, city, 'subtree');
      expect(scope.agencyIds.has(id['文峰区紫薇大道街道办事处'])).toBe(true);
      expect(scope.reviewable).toBeUndefined();
    });

    it('children: the city sees the whole subtree but reviews only the district directly below', async () => {
      const scope = await scopeOf(h.db, city, 'children');
      expect([...scope.agencyIds].sort()).toEqual([id['安阳市'], id['文峰区'], id['文峰区紫薇大道街道办事处'], id['文峰区东大街街道办事处']].sort());
      expect([...scope.reviewable!]).toEqual([id['文峰区']]);
    });
  });
}

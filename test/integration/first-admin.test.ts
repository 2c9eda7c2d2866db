import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../lib/db/client';
import { agencies, users } from '../../lib/db/schema';
import { login } from '../../lib/auth/login';
import { getSessionUser } from '../../lib/auth/session';
import { createAccount, createFirstAdmin, listAgencyTree } from '../../lib/server/admin';
import { backends } from '../support/databases';
import { failure } from '../support/failure';

const list = await backends();
const PASSWORD = 'first-admin-2026';

for (const backend of list) {
  describe(`the first administrator on ${backend.name}`, () => {
    let h: (DbHandle & { drop(): Promise<void> }) | undefined;
    afterEach(async () => {
      await h?.drop();
      h = undefined;
    });

    it('is created with its agency on an empty database, signs in and manages what it made', async () => {
      h = await backend.open({ demo: false });
      const made = await createFirstAdmin(h.db, { agencyName: '文峰区', username: 'Root', displayName: '区管理员', password: PASSWORD });
      expect(made.agencyCreated).toBe(true);
      const [row] = await h.db.select().from(users).where(eq(users.id, made.id));
      expect(row).toMatchObject({ username: 'root', role: 'admin', agencyId: made.agencyId, isActive: true });
      expect(row.passwordHash).not.toContain(PASSWORD);

      const session = await login(h.db, { username: 'root', password: PASSWORD, ip: '127.0.0.1' });
      expect(session.ok).toBe(true);
      const user = (await getSessionUser(h.db, (session as { token: string }).token))!;
      expect((await listAgencyTree(h.db, user)).map((a) => a.name)).toEqual(['文峰区']);
      await createAccount(h.db, user, { username: 'clerk', displayName: '填报员', role: 'filer', agencyId: made.agencyId, password: PASSWORD });
    });

    it('is refused once an active administrator exists, and nothing is written', async () => {
      h = await backend.open({ demo: true });
      const before = await h.db.select({ id: agencies.id }).from(agencies);
      const e = await failure(createFirstAdmin(h.db, { agencyName: '新建区', username: 'second', displayName: '另一个', password: PASSWORD }));
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain('已有管理员账号');
      expect(await h.db.select({ id: agencies.id }).from(agencies)).toHaveLength(before.length);
      expect(await h.db.select().from(users).where(eq(users.username, 'second'))).toHaveLength(0);
    });

    it('joins an existing agency by name, and refuses bad input in Chinese', async () => {
      h = await backend.open({ demo: false });
      const [existing] = await h.db.insert(agencies).values({ name: '文峰区' }).returning();
      await h.db.insert(users).values({ username: 'clerk', displayName: '填报员', role: 'filer', agencyId: existing.id, passwordHash: 'x' });

      expect((await failure(createFirstAdmin(h.db, { agencyName: '文峰区', username: 'root', displayName: '管理员', password: 'short' }))).message).toBe('密码至少 8 位');
      expect((await failure(createFirstAdmin(h.db, { agencyName: '文', username: 'root', displayName: '管理员', password: PASSWORD }))).message).toContain('机关名称');
      expect((await failure(createFirstAdmin(h.db, { agencyName: '文峰区', username: 'CLERK', displayName: '管理员', password: PASSWORD }))).message).toContain('已被使用');

      const made = await createFirstAdmin(h.db, { agencyName: '文峰区', username: 'root', displayName: '管理员', password: PASSWORD });
      expect(made).toMatchObject({ agencyId: existing.id, agencyCreated: false });
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../lib/db/client';
import { agencies, sessions, users } from '../../lib/db/schema';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { hashPassword } from '../../lib/auth/password';
import { login } from '../../lib/auth/login';
import { scopeOf } from '../../lib/auth/permissions';
import { getSessionUser } from '../../lib/auth/session';
import type { SessionUser } from '../../lib/auth/types';
import {
  createAccount,
  createAgency,
  listAccounts,
  listAgencyTree,
  moveAgency,
  renameAgency,
  resetPassword,
  setAccountActive,
  updateAccount,
} from '../../lib/server/admin';
import { createReport } from '../../lib/server/reports';
import { backends } from '../support/databases';
import { failure } from '../support/failure';

const list = await backends();

for (const backend of list) {
  describe(`administration on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    const as: Record<string, SessionUser> = {};
    const agencyId: Record<string, string> = {};

    const signIn = async (username: string, password = DEMO_PASSWORD) => {
      const r = await login(h.db, { username, password, ip: '127.0.0.1' });
      if (!r.ok) throw new Error(r.message);
      return { user: (await getSessionUser(h.db, r.token))!, token: r.token };
    };
    const accountId = async (username: string) => (await h.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;
    /** An office of 文峰区 of one test's own (tests share the database, never each other's data). */
    const newOffice = async (name: string) => (await createAgency(h.db, as.admin, { name, parentId: agencyId['文峰区'] })).id;
    /** A filer in a new office of its own, made by the admin for one test. */
    const newFiler = async (username: string, office: string) => {
      const agency = await newOffice(office);
      const password = `${username}-2026`;
      const { id } = await createAccount(h.db, as.admin, { username, displayName: `${office}填报员`, role: 'filer', agencyId: agency, password });
      return { id, agency, password };
    };

    beforeAll(async () => {
      h = await backend.open();
      for (const u of ['ziwei', 'wenfeng', 'admin']) as[u] = (await signIn(u)).user;
      for (const a of await h.db.select().from(agencies)) agencyId[a.name] = a.id;
      // A second district with its own admin: neither sees the other's tree or accounts.
      const [other] = await h.db.insert(agencies).values({ name: '卫滨区' }).returning();
      const [office] = await h.db.insert(agencies).values({ name: '卫滨区中同街街道办事处', parentId: other.id }).returning();
      agencyId['卫滨区'] = other.id;
      agencyId['卫滨区中同街街道办事处'] = office.id;
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      await h.db.insert(users).values([
        { username: 'weibin-admin', displayName: '卫滨区管理员', role: 'admin', agencyId: other.id, passwordHash },
        { username: 'zhongtong', displayName: '中同街填报员', role: 'filer', agencyId: office.id, passwordHash },
      ]);
      as.weibinAdmin = (await signIn('weibin-admin')).user;
    });
    afterAll(async () => h?.drop());

    it('only admins may administer; the tree is the admin’s own subtree, in tree order', async () => {
      expect(await failure(listAgencyTree(h.db, as.wenfeng))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(listAccounts(h.db, as.ziwei))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(createAgency(h.db, as.wenfeng, { name: '文峰区某某街道办事处', parentId: agencyId['文峰区'] }))).toMatchObject({ code: 'FORBIDDEN' });
      // Other tests add offices and accounts to 文峰区, never to the demo offices or to 卫滨区.
      const demo = ['文峰区', '文峰区东大街街道办事处', '文峰区紫薇大道街道办事处'];
      const tree = (await listAgencyTree(h.db, as.admin)).filter((a) => demo.includes(a.name));
      expect(tree.map((a) => [a.name, a.depth])).toEqual([
        ['文峰区', 0],
        ['文峰区东大街街道办事处', 1],
        ['文峰区紫薇大道街道办事处', 1],
      ]);
      expect(tree.slice(1).map((a) => a.accountCount)).toEqual([1, 1]);
      expect((await listAccounts(h.db, as.admin)).map((a) => a.username)).toEqual(expect.arrayContaining(['admin', 'dongdajie', 'wenfeng', 'ziwei']));
      expect((await listAgencyTree(h.db, as.weibinAdmin)).map((a) => [a.name, a.depth, a.accountCount])).toEqual([
        ['卫滨区', 0, 1],
        ['卫滨区中同街街道办事处', 1, 1],
      ]);
      expect((await listAccounts(h.db, as.weibinAdmin)).map((a) => a.username).sort()).toEqual(['weibin-admin', 'zhongtong']);
    });

    it('lists siblings and accounts in pinyin order, not code-point order (三里 after 北关; issue 24, 8)', async () => {
      await newFiler('sanli', '文峰区三里街道办事处');
      await newFiler('beiguan', '文峰区北关街道办事处');
      const names = (await listAgencyTree(h.db, as.admin)).filter((a) => a.depth === 1).map((a) => a.name);
      const mine = names.filter((n) => ['文峰区三里街道办事处', '文峰区北关街道办事处', '文峰区东大街街道办事处', '文峰区紫薇大道街道办事处'].includes(n));
      // bei, dong, san, zi — in code points 三 (U+4E09) comes before 东 (U+4E1C) and 北 (U+5317).
      expect(mine).toEqual(['文峰区北关街道办事处', '文峰区东大街街道办事处', '文峰区三里街道办事处', '文峰区紫薇大道街道办事处']);
      const accounts = (await listAccounts(h.db, as.admin)).map((a) => a.username);
      expect(accounts.indexOf('beiguan')).toBeLessThan(accounts.indexOf('dongdajie'));
      expect(accounts.indexOf('dongdajie')).toBeLessThan(accounts.indexOf('sanli'));
      expect(accounts.indexOf('sanli')).toBeLessThan(accounts.indexOf('ziwei'));
    });

    it('creates an agency only under one in scope, with a unique, valid name', async () => {
      const { id } = await createAgency(h.db, as.admin, { name: '  文峰区光明路街道办事处 ', parentId: agencyId['文峰区'] });
      const tree = await listAgencyTree(h.db, as.admin);
      expect(tree.find((a) => a.id === id)).toMatchObject({ name: '文峰区光明路街道办事处', parentId: agencyId['文峰区'], depth: 1 });
      // Under another district's office: as if it did not exist.
      expect(await failure(createAgency(h.db, as.admin, { name: '文峰区新街道', parentId: agencyId['卫滨区中同街街道办事处'] }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(createAgency(h.db, as.admin, { name: '文峰区新街道', parentId: 'not-a-uuid' }))).toMatchObject({ code: 'NOT_FOUND' });
      // The same name, even one another district uses, is refused.
      expect(await failure(createAgency(h.db, as.admin, { name: '文峰区光明路街道办事处', parentId: agencyId['文峰区'] }))).toMatchObject({ code: 'CONFLICT' });
      expect(await failure(createAgency(h.db, as.admin, { name: '卫滨区中同街街道办事处', parentId: agencyId['文峰区'] }))).toMatchObject({ code: 'CONFLICT' });
      expect(await failure(createAgency(h.db, as.admin, { name: ' 甲 ', parentId: agencyId['文峰区'] }))).toMatchObject({ code: 'INVALID' });
      expect(await failure(createAgency(h.db, as.admin, { name: '文'.repeat(61), parentId: agencyId['文峰区'] }))).toMatchObject({ code: 'INVALID' });
    });

    it('renames within scope, keeping names unique', async () => {
      const id = await newOffice('文峰区解放路街道办事处');
      await renameAgency(h.db, as.admin, id, { name: '文峰区解放路街道' });
      expect((await h.db.select().from(agencies).where(eq(agencies.id, id)))[0].name).toBe('文峰区解放路街道');
      await renameAgency(h.db, as.admin, id, { name: '文峰区解放路街道' }); // its own name again is fine
      expect(await failure(renameAgency(h.db, as.admin, id, { name: '文峰区东大街街道办事处' }))).toMatchObject({ code: 'CONFLICT' });
      expect(await failure(renameAgency(h.db, as.admin, agencyId['卫滨区'], { name: '卫滨区2' }))).toMatchObject({ code: 'NOT_FOUND' });
      expect((await h.db.select().from(agencies).where(eq(agencies.id, agencyId['卫滨区'])))[0].name).toBe('卫滨区');
    });

    it('moves an agency within scope, and never into its own subtree', async () => {
      const guangming = await newOffice('文峰区胜利路街道办事处');
      const { id: community } = await createAgency(h.db, as.admin, { name: '胜利路社区', parentId: guangming });
      // Down one level: the community under 东大街.
      await moveAgency(h.db, as.admin, community, { parentId: agencyId['文峰区东大街街道办事处'] });
      let tree = await listAgencyTree(h.db, as.admin);
      expect(tree.find((a) => a.id === community)).toMatchObject({ parentId: agencyId['文峰区东大街街道办事处'], depth: 2 });
      // Cycles: under itself, under its own child.
      expect(await failure(moveAgency(h.db, as.admin, community, { parentId: community }))).toMatchObject({ code: 'INVALID' });
      const dongdajie = agencyId['文峰区东大街街道办事处'];
      const e = await failure(moveAgency(h.db, as.admin, dongdajie, { parentId: community }));
      expect(e).toMatchObject({ code: 'INVALID' });
      expect(e.message).toContain('下级机关');
      // The admin's own agency is the root of what they manage.
      expect(await failure(moveAgency(h.db, as.admin, agencyId['文峰区'], { parentId: guangming }))).toMatchObject({ code: 'INVALID' });
      // Out of scope, either end.
      expect(await failure(moveAgency(h.db, as.admin, community, { parentId: agencyId['卫滨区'] }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(moveAgency(h.db, as.admin, agencyId['卫滨区中同街街道办事处'], { parentId: guangming }))).toMatchObject({ code: 'NOT_FOUND' });
      tree = await listAgencyTree(h.db, as.admin);
      expect(tree.find((a) => a.id === dongdajie)).toMatchObject({ parentId: agencyId['文峰区'], depth: 1 });
      // The reviewer's scope follows the tree.
      expect((await scopeOf(h.db, as.wenfeng)).agencyIds.has(community)).toBe(true);
    });

    it('creates accounts with a valid, case-insensitively unique user name, in scope, with a long enough password', async () => {
      const base = { displayName: '人民路填报员', role: 'filer', agencyId: await newOffice('文峰区人民路街道办事处'), password: 'guangming-2026' };
      const { id } = await createAccount(h.db, as.admin, { ...base, username: 'GuangMing' });
      const [row] = await h.db.select().from(users).where(eq(users.id, id));
      expect(row).toMatchObject({ username: 'guangming', role: 'filer', isActive: true });
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain('guangming-2026');
      // The new account signs in and can create its office's report.
      const { user } = await signIn('guangming', 'guangming-2026');
      expect(user.agencyName).toBe('文峰区人民路街道办事处');
      await createReport(h.db, user, { agencyId: user.agencyId, year: 2025 });

      for (const username of ['guangming', 'GUANGMING', 'Ziwei']) {
        expect(await failure(createAccount(h.db, as.admin, { ...base, username }))).toMatchObject({ code: 'CONFLICT' });
      }
      // Another district's user name is taken too: user names are global.
      expect(await failure(createAccount(h.db, as.admin, { ...base, username: 'zhongtong' }))).toMatchObject({ code: 'CONFLICT' });
      for (const username of ['ab', 'a'.repeat(33), '张三', 'with space', 'semi;colon']) {
        expect(await failure(createAccount(h.db, as.admin, { ...base, username }))).toMatchObject({ code: 'INVALID' });
      }
      expect(await failure(createAccount(h.db, as.admin, { ...base, username: 'a.b-c_9', password: '1234567' }))).toMatchObject({ code: 'INVALID' });
      expect(await failure(createAccount(h.db, as.admin, { ...base, username: 'a.b-c_9', displayName: '  ' }))).toMatchObject({ code: 'INVALID' });
      expect(await failure(createAccount(h.db, as.admin, { ...base, username: 'a.b-c_9', role: 'root' }))).toMatchObject({ code: 'INVALID' });
      expect(await failure(createAccount(h.db, as.admin, { ...base, username: 'a.b-c_9', agencyId: agencyId['卫滨区'] }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(createAccount(h.db, as.wenfeng, { ...base, username: 'a.b-c_9' }))).toMatchObject({ code: 'FORBIDDEN' });
      await createAccount(h.db, as.admin, { ...base, username: 'a.b-c_9', password: '12345678' });
    });

    it('edits an account in scope; an admin keeps their own role and agency', async () => {
      const { id, agency } = await newFiler('editme', '文峰区建设路街道办事处');
      await updateAccount(h.db, as.admin, id, { displayName: '建设路街道审核', role: 'reviewer', agencyId: agency });
      expect((await h.db.select().from(users).where(eq(users.id, id)))[0]).toMatchObject({ displayName: '建设路街道审核', role: 'reviewer' });
      await updateAccount(h.db, as.admin, id, { displayName: '建设路填报员', role: 'filer', agencyId: agency });
      expect(await failure(updateAccount(h.db, as.admin, as.admin.id, { displayName: '管理员', role: 'filer', agencyId: as.admin.agencyId }))).toMatchObject({ code: 'INVALID' });
      await updateAccount(h.db, as.admin, as.admin.id, { displayName: '文峰区系统管理员', role: 'admin', agencyId: as.admin.agencyId });
      expect(await failure(updateAccount(h.db, as.admin, await accountId('zhongtong'), { displayName: 'x', role: 'filer', agencyId: agencyId['文峰区'] }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(updateAccount(h.db, as.admin, id, { displayName: 'x', role: 'filer', agencyId: agencyId['卫滨区'] }))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('resets a password: the old one stops working, and every session of that account ends', async () => {
      const { id, password } = await newFiler('resetme', '文峰区和平路街道办事处');
      const first = await signIn('resetme', password);
      expect(await failure(resetPassword(h.db, as.admin, id, { password: 'short' }))).toMatchObject({ code: 'INVALID' });
      expect(await failure(resetPassword(h.db, as.weibinAdmin, id, { password: 'new-password-1' }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(resetPassword(h.db, as.wenfeng, id, { password: 'new-password-1' }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await getSessionUser(h.db, first.token)).not.toBeNull();
      await resetPassword(h.db, as.admin, id, { password: 'new-password-1' });
      expect(await getSessionUser(h.db, first.token)).toBeNull();
      expect(await h.db.select().from(sessions).where(eq(sessions.userId, id))).toEqual([]);
      expect((await login(h.db, { username: 'resetme', password, ip: '127.0.0.1' })).ok).toBe(false);
      expect((await login(h.db, { username: 'resetme', password: 'new-password-1', ip: '127.0.0.1' })).ok).toBe(true);
    });

    it('deactivates: sessions end at once and sign-in is refused; reactivates; never oneself', async () => {
      const { id, password } = await newFiler('stopme', '文峰区团结路街道办事处');
      const { token } = await signIn('stopme', password);
      expect(await failure(setAccountActive(h.db, as.admin, as.admin.id, { isActive: false }))).toMatchObject({ code: 'INVALID' });
      expect(await failure(setAccountActive(h.db, as.weibinAdmin, id, { isActive: false }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(setAccountActive(h.db, as.admin, id, { isActive: 'no' }))).toMatchObject({ code: 'INVALID' });
      await setAccountActive(h.db, as.admin, id, { isActive: false });
      expect(await getSessionUser(h.db, token)).toBeNull();
      expect(await h.db.select().from(sessions).where(eq(sessions.userId, id))).toEqual([]);
      const refused = await login(h.db, { username: 'stopme', password, ip: '127.0.0.1' });
      expect(refused).toEqual({ ok: false, message: '此账号已停用，请联系管理员' });
      expect((await listAccounts(h.db, as.admin)).find((a) => a.id === id)?.isActive).toBe(false);
      await setAccountActive(h.db, as.admin, id, { isActive: true });
      expect((await login(h.db, { username: 'stopme', password, ip: '127.0.0.1' })).ok).toBe(true);
      // Another admin of the same district may deactivate this one.
      const { id: second } = await createAccount(h.db, as.admin, { username: 'admin2', displayName: '副管理员', role: 'admin', agencyId: agencyId['文峰区'], password: 'admin2-password' });
      const admin2 = (await signIn('admin2', 'admin2-password')).user;
      await setAccountActive(h.db, admin2, as.admin.id, { isActive: false });
      expect((await login(h.db, { username: 'admin', password: DEMO_PASSWORD, ip: '127.0.0.1' })).ok).toBe(false);
      await setAccountActive(h.db, admin2, as.admin.id, { isActive: true });
      await setAccountActive(h.db, as.admin, second, { isActive: false });
    });
  });
}

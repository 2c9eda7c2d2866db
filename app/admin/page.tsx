/**
 * /admin — the agency tree (create, rename, move) and the accounts in it (create, edit, reset
 * password, deactivate). Who: admins, over their own agency and everything below it; anyone
 * else gets the same 404 as for a page that does not exist.
 */
import { notFound } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { listAccounts, listAgencyTree } from '@/lib/server/admin';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { TopBar } from '@/app/_lib/top-bar';
import { requireUser } from '../_lib/session';
import { AgencyTree } from './agency-tree';
import { AccountList } from './account-list';
import { canAtOwnAgency } from '@/lib/auth/permissions';

export const metadata = { title: '管理' };

export default async function AdminPage() {
  const user = await requireUser();
  if (!canAtOwnAgency(user, 'admin.open')) notFound();
  const db = await getDb();
  const [tree, accounts] = await Promise.all([listAgencyTree(db, user), listAccounts(db, user)]);
  return (
    <>
      <TopBar user={user} />
      <main className="page admin-page">
        <section className="card" aria-labelledby="agencies-title">
          <h1 id="agencies-title">机关</h1>
          <p className="hint">点机关名称可改名或调整上级机关。机关名称全系统唯一。</p>
          <AgencyTree tree={tree} rootId={user.agencyId} />
        </section>
        <section className="card" aria-labelledby="accounts-title">
          <h2 id="accounts-title">账号</h2>
          <p className="hint">重置密码或停用账号后，该账号已登录的会话立即失效。</p>
          <AccountList accounts={accounts} tree={tree} selfId={user.id} minPassword={MIN_PASSWORD_LENGTH} />
        </section>
      </main>
    </>
  );
}

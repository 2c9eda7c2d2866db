import Link from 'next/link';
import type { SessionUser } from '@/lib/auth/types';

const ROLE_NAMES = { filer: '填报', reviewer: '审核', admin: '管理员' } as const;

/**
 * The bar on top of every signed-in page: the sections the user's role may open, who is signed
 * in, and 退出 — a form whose action the route layer gives (app/_lib/top-bar.tsx: the sign-out
 * server action), so this piece knows nothing of the routes above it.
 */
export function TopBarView({ user, signOut }: { user: SessionUser; signOut: () => Promise<void> }) {
  return (
    <header className="topbar">
      <Link className="brand" href="/reports">
        年报
      </Link>
      <span style={{ color: 'var(--muted)' }}>政府信息公开工作年度报告</span>
      <nav aria-label="主菜单" className="main-nav">
        <Link href="/reports">报告</Link>
        {user.role !== 'filer' && <Link href="/review">辖区报告</Link>}
        {user.role === 'admin' && <Link href="/admin">管理</Link>}
      </nav>
      <span className="who">
        {user.displayName}（{user.agencyName} · {ROLE_NAMES[user.role]}）
      </span>
      <form action={signOut}>
        <button className="btn" type="submit">
          退出
        </button>
      </form>
    </header>
  );
}

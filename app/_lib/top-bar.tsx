import type { SessionUser } from '@/lib/auth/types';
import { TopBarView } from '@/components/top-bar';
import { logoutAction } from '../login/actions';

/** The top bar of a signed-in page, its 退出 wired to the sign-out server action. */
export function TopBar({ user }: { user: SessionUser }) {
  return <TopBarView user={user} signOut={logoutAction} />;
}

import { redirect } from 'next/navigation';
import { currentUser } from '../_lib/session';
import { LoginForm } from './login-form';

export const metadata = { title: '登录' };

export default async function LoginPage() {
  if (await currentUser()) redirect('/reports');
  return (
    <main className="page" style={{ maxWidth: 420 }}>
      <div className="card">
        <h1>政府信息公开工作年度报告</h1>
        <p style={{ color: 'var(--muted)', marginTop: 0 }}>请使用本单位的账号登录。</p>
        <LoginForm />
      </div>
    </main>
  );
}

'use client';
import { useActionState } from 'react';
import { loginAction, type LoginState } from './actions';

export function LoginForm() {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, { message: null, username: '' });
  return (
    <form action={action} aria-describedby={state.message ? 'login-error' : undefined}>
      {state.message && (
        <p id="login-error" role="alert" className="alert error">
          {state.message}
        </p>
      )}
      <div className="field">
        <label htmlFor="username">用户名</label>
        <input id="username" name="username" autoComplete="username" required defaultValue={state.username} autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password">密码</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="btn primary" type="submit" disabled={pending}>
        {pending ? '正在登录…' : '登录'}
      </button>
    </form>
  );
}

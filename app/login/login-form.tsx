'use client';
import { useActionState, useState, type KeyboardEvent } from 'react';
import { loginAction, type LoginState } from './actions';

export function LoginForm() {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, { message: null, username: '' });
  // A password typed with Caps Lock on is the commonest wrong password: say so while typing.
  const [capsLock, setCapsLock] = useState(false);
  // The browser's modifier state, or — where it is not reported — a letter that came out in the
  // other case than Shift asks for (「N」 without Shift: Caps Lock is on).
  const watchCaps = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.getModifierState('CapsLock')) return setCapsLock(true);
    if (e.key === 'CapsLock') return setCapsLock(false);
    if (/^[a-zA-Z]$/.test(e.key)) setCapsLock((e.key === e.key.toUpperCase()) !== e.shiftKey);
  };
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
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={capsLock ? 'caps-lock' : undefined}
          onKeyDown={watchCaps}
          onBlur={() => setCapsLock(false)}
        />
        {capsLock && (
          <p id="caps-lock" className="hint caps-lock" role="status">
            大写锁定（Caps Lock）已打开，密码区分大小写
          </p>
        )}
      </div>
      <button className="btn primary" type="submit" disabled={pending}>
        {pending ? '正在登录…' : '登录'}
      </button>
    </form>
  );
}

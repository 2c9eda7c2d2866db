'use client';
import { useActionState, useId, useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import type { AccountRow, AgencyNode } from '@/lib/server/admin';
import type { Role } from '@/lib/auth/types';
import { createAccountAction, resetPasswordAction, setActiveAction, updateAccountAction, type AdminState } from './actions';
import { FormMessage, INITIAL, formKey, indented } from './form-message';
import { ColumnHeaders } from '@/components/column-headers';

const ROLES: { value: Role; name: string }[] = [
  { value: 'filer', name: '填报人' },
  { value: 'reviewer', name: '审核人' },
  { value: 'admin', name: '管理员' },
];
const ROLE_NAME = Object.fromEntries(ROLES.map((r) => [r.value, r.name])) as Record<Role, string>;

function AgencySelect({ id, tree, defaultValue }: { id: string; tree: AgencyNode[]; defaultValue?: string }) {
  return (
    <select id={id} name="agencyId" defaultValue={defaultValue ?? tree[0]?.id}>
      {tree.map((a) => (
        <option key={a.id} value={a.id}>
          {indented(a.name, a.depth)}
        </option>
      ))}
    </select>
  );
}

function RoleSelect({ id, defaultValue }: { id: string; defaultValue: Role }) {
  return (
    <select id={id} name="role" defaultValue={defaultValue}>
      {ROLES.map((r) => (
        <option key={r.value} value={r.value}>
          {r.name}
        </option>
      ))}
    </select>
  );
}

function CreateAccountForm({ tree, minPassword }: { tree: AgencyNode[]; minPassword: number }) {
  const [state, action, pending] = useActionState<AdminState, FormData>(createAccountAction, INITIAL);
  return (
    <form key={formKey(state)} action={action} className="admin-form" aria-labelledby="new-account">
      <h3 id="new-account">新建账号</h3>
      <FormMessage state={state} />
      <div className="field">
        <label htmlFor="account-username">用户名</label>
        <input id="account-username" name="username" defaultValue={state.values?.username} required minLength={3} maxLength={32} pattern="[A-Za-z0-9_.\-]{3,32}" autoComplete="off" aria-describedby="account-username-hint" />
        <span id="account-username-hint" className="hint">
          3–32 位字母、数字或 _ . -，不区分大小写
        </span>
      </div>
      <div className="field">
        <label htmlFor="account-display">显示名称</label>
        <input id="account-display" name="displayName" defaultValue={state.values?.displayName} required maxLength={40} placeholder="如：光明路街道填报员" />
      </div>
      <div className="field">
        <label htmlFor="account-role">角色</label>
        <RoleSelect id="account-role" defaultValue={(state.values?.role as Role | undefined) ?? 'filer'} />
      </div>
      <div className="field">
        <label htmlFor="account-agency">所属机关</label>
        <AgencySelect id="account-agency" tree={tree} defaultValue={state.values?.agencyId} />
      </div>
      <div className="field">
        <label htmlFor="account-password">初始密码</label>
        <input id="account-password" name="password" type="password" required minLength={minPassword} maxLength={128} autoComplete="new-password" aria-describedby="account-password-hint" />
        <span id="account-password-hint" className="hint">
          至少 {minPassword} 位；请当面或电话告知本人
        </span>
      </div>
      <button className="btn primary" type="submit" disabled={pending}>
        {pending ? '正在创建…' : '创建账号'}
      </button>
    </form>
  );
}

function EditAccountForm({ account, tree, isSelf }: { account: AccountRow; tree: AgencyNode[]; isSelf: boolean }) {
  const [state, action, pending] = useActionState<AdminState, FormData>(updateAccountAction, INITIAL);
  const id = useId();
  return (
    <form key={formKey(state)} action={action} className="admin-inline-form">
      <FormMessage state={state} />
      <input type="hidden" name="id" value={account.id} />
      <div className="field">
        <label htmlFor={`${id}-display`}>显示名称</label>
        <input id={`${id}-display`} name="displayName" defaultValue={account.displayName} required maxLength={40} />
      </div>
      {isSelf ? (
        <>
          {/* One's own role and agency are fixed here: one slip would lock the admin out. */}
          <input type="hidden" name="role" value={account.role} />
          <input type="hidden" name="agencyId" value={account.agencyId} />
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-role`}>角色</label>
            <RoleSelect id={`${id}-role`} defaultValue={account.role} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-agency`}>所属机关</label>
            <AgencySelect id={`${id}-agency`} tree={tree} defaultValue={account.agencyId} />
          </div>
        </>
      )}
      <button className="btn primary" type="submit" disabled={pending}>
        保存
      </button>
    </form>
  );
}

function ResetPasswordForm({ account, minPassword }: { account: AccountRow; minPassword: number }) {
  const [state, action, pending] = useActionState<AdminState, FormData>(resetPasswordAction, INITIAL);
  const id = useId();
  return (
    <form key={formKey(state)} action={action} className="admin-inline-form">
      <FormMessage state={state} />
      <input type="hidden" name="id" value={account.id} />
      <div className="field">
        <label htmlFor={`${id}-password`}>新密码</label>
        <input id={`${id}-password`} name="password" type="password" required minLength={minPassword} maxLength={128} autoComplete="new-password" />
      </div>
      <button className="btn primary" type="submit" disabled={pending}>
        确认重置
      </button>
    </form>
  );
}

function ActiveToggle({ account, isSelf }: { account: AccountRow; isSelf: boolean }) {
  const [state, action, pending] = useActionState<AdminState, FormData>(setActiveAction, INITIAL);
  const [asking, setAsking] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  if (isSelf) return null;
  const label = `${account.isActive ? '停用' : '启用'}账号 ${account.username}`;
  return (
    <form key={formKey(state)} ref={form} action={action} className="admin-toggle">
      <input type="hidden" name="id" value={account.id} />
      <input type="hidden" name="isActive" value={account.isActive ? '0' : '1'} />
      {account.isActive ? (
        // Deactivating signs the person out at once: asked first, naming whom.
        <button className="btn danger" type="button" disabled={pending} aria-label={label} onClick={() => setAsking(true)}>
          停用
        </button>
      ) : (
        <button className="btn" type="submit" disabled={pending} aria-label={label}>
          启用
        </button>
      )}
      {asking && (
        <ConfirmDialog
          open
          title={`停用账号「${account.username}」（${account.displayName}）？`}
          confirmLabel="停用"
          danger
          onConfirm={() => {
            setAsking(false);
            form.current?.requestSubmit();
          }}
          onCancel={() => setAsking(false)}
        >
          <p>
            {account.agencyName} · {ROLE_NAME[account.role]}。停用后该账号已登录的会话立即失效，不能再登录；报告和记录都保留，之后可以再启用。
          </p>
        </ConfirmDialog>
      )}
      {!state.ok && <FormMessage state={state} />}
    </form>
  );
}

/** Every account under the admin's agency, with edit, reset password and (de)activate on each. */
export function AccountList({ accounts, tree, selfId, minPassword }: { accounts: AccountRow[]; tree: AgencyNode[]; selfId: string; minPassword: number }) {
  return (
    <div className="admin-grid">
      <table className="list stacked accounts" data-testid="accounts">
        <thead>
          <ColumnHeaders names={['用户名', '显示名称', '角色', '所属机关', '状态']} actions />
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} data-username={a.username} data-active={a.isActive ? 'true' : 'false'}>
              <td data-label="用户名">{a.username}</td>
              <td data-label="显示名称">{a.displayName}</td>
              <td data-label="角色" className="nowrap">{ROLE_NAME[a.role]}</td>
              <td data-label="所属机关">{a.agencyName}</td>
              <td data-label="状态">
                <span className={a.isActive ? 'status' : 'status late'}>{a.isActive ? '正常' : '已停用'}</span>
              </td>
              <td className="admin-actions">
                <details>
                  <summary>编辑</summary>
                  <EditAccountForm account={a} tree={tree} isSelf={a.id === selfId} />
                </details>
                <details>
                  <summary>重置密码</summary>
                  <ResetPasswordForm account={a} minPassword={minPassword} />
                </details>
                <ActiveToggle account={a} isSelf={a.id === selfId} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateAccountForm tree={tree} minPassword={minPassword} />
    </div>
  );
}

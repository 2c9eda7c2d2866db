'use server';
/**
 * Server actions of /admin: agencies (create, rename, move) and accounts (create, edit, reset
 * password, deactivate/reactivate). Who: admins, within their own subtree (the services check).
 * Touches: agencies, users, sessions, login_throttle.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from '@/lib/validation';
import { getDb } from '@/lib/db/client';
import type { Db } from '@/lib/db/client';
import type { SessionUser } from '@/lib/auth/types';
import { AppError } from '@/lib/errors';
import { internalError } from '@/lib/log';
import {
  createAccount,
  createAgency,
  moveAgency,
  renameAgency,
  resetPassword,
  setAccountActive,
  updateAccount,
  ZCreateAccount,
  ZCreateAgency,
  ZMoveAgency,
  ZRenameAgency,
  ZResetPassword,
  ZUpdateAccount,
  type TMoveAgency,
  type TRenameAgency,
  type TResetPassword,
} from '@/lib/server/admin';
import { currentUser } from '../_lib/session';

/** `values`: what was submitted (never a password), so a refused form keeps what was typed. */
export type AdminState = { ok: boolean; message: string | null; values?: Record<string, string>; at?: number };

/** Every field arrives as a string (or is missing); the services validate the content. */
const field = z.string().max(2000).default('');

/** The form fields of a service's input (its schema's keys) plus those the form adds, as strings. */
const fieldsOf = (schemas: z.ZodObject[], ...extra: string[]): Record<string, typeof field> =>
  Object.fromEntries([...schemas.flatMap((s) => Object.keys(s.shape)), ...extra].map((k) => [k, field]));

async function run(form: FormData, shape: Record<string, typeof field>, act: (db: Db, user: SessionUser, data: Record<string, string>) => Promise<unknown>, done: string): Promise<AdminState> {
  const user = await currentUser();
  if (!user) redirect('/login');
  const raw = Object.fromEntries(Object.keys(shape).map((k) => [k, form.get(k) ?? undefined]));
  const parsed = z.object(shape).safeParse(raw);
  if (!parsed.success) return { ok: false, message: '提交的内容格式不正确' };
  try {
    await act(await getDb(), user, parsed.data as Record<string, string>);
  } catch (e) {
    if (e instanceof AppError) {
      const { password: _omit, ...values } = parsed.data as Record<string, string>;
      return { ok: false, message: e.message, values, at: Date.now() };
    }
    throw internalError('admin action', e);
  }
  revalidatePath('/admin');
  return { ok: true, message: done, at: Date.now() };
}

export async function createAgencyAction(_prev: AdminState, form: FormData): Promise<AdminState> {
  return run(form, fieldsOf([ZCreateAgency]), (db, user, d) => createAgency(db, user, d), '机关已创建');
}

/** One form edits both the name and the parent; only what changed is applied. */
export async function updateAgencyAction(_prev: AdminState, form: FormData): Promise<AdminState> {
  return run(
    form,
    fieldsOf([ZRenameAgency, ZMoveAgency], 'id', 'oldName', 'oldParentId'),
    async (db, user, d) => {
      if (d.name.trim() !== d.oldName) await renameAgency(db, user, d.id, { name: d.name } satisfies TRenameAgency);
      if (d.parentId && d.parentId !== d.oldParentId) await moveAgency(db, user, d.id, { parentId: d.parentId } satisfies TMoveAgency);
    },
    '机关已保存',
  );
}

export async function createAccountAction(_prev: AdminState, form: FormData): Promise<AdminState> {
  return run(
    form,
    fieldsOf([ZCreateAccount]),
    (db, user, d) => createAccount(db, user, d),
    '账号已创建',
  );
}

export async function updateAccountAction(_prev: AdminState, form: FormData): Promise<AdminState> {
  return run(
    form,
    fieldsOf([ZUpdateAccount], 'id'),
    (db, user, d) => updateAccount(db, user, d.id, { displayName: d.displayName, role: d.role, agencyId: d.agencyId }),
    '账号已保存',
  );
}

export async function resetPasswordAction(_prev: AdminState, form: FormData): Promise<AdminState> {
  return run(form, fieldsOf([ZResetPassword], 'id'), (db, user, d) => resetPassword(db, user, d.id, { password: d.password } satisfies TResetPassword), '密码已重置，该账号需用新密码重新登录');
}

export async function setActiveAction(_prev: AdminState, form: FormData): Promise<AdminState> {
  return run(
    form,
    { id: field, isActive: field },
    (db, user, d) => setAccountActive(db, user, d.id, { isActive: d.isActive === '1' }),
    '账号状态已更新',
  );
}

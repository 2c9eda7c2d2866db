/**
 * Administration: the agency tree and the accounts in it. Only admins, and only within their
 * own subtree (their agency and everything below it): an agency or account outside it answers
 * NOT_FOUND, like a report would. Same shape as reports.ts: scope → `can` → zod → queries.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { sortByPinyin } from '../collate';
import { hasInvisibleChars, hasUnsafeChars, INVISIBLE_MESSAGE, safeName, z, ZId } from '../validation';
import type { Db } from '../db/client';
import { agencies, reports, sessions, users } from '../db/schema';
import { clearAccountLimits } from '../auth/login';
import { SESSION_USER_COLUMNS } from '../auth/session';
import { can, canAtOwnAgency, scopeOf, type Scope } from '../auth/permissions';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import type { SessionUser } from '../auth/types';
import { AppError, notFound } from '../errors';
import { nudgePrerender, queueFinalPdf } from './prerender';

/** argon2 would hash a megabyte happily; a cap keeps a pasted novel from costing CPU. */
export const MAX_PASSWORD_LENGTH = 128;

export type AgencyNode = { id: string; name: string; parentId: string | null; depth: number; accountCount: number };
/** An account as the admin page lists it: the user as they sign in, whether active, since when. */
export type AccountRow = SessionUser & { isActive: boolean; createdAt: string };

const ZAgencyName = z
  .string()
  .trim()
  .min(2, '机关名称至少 2 个字')
  .max(60, '机关名称不能超过 60 个字')
  // A registered name is printed on one title line: no line breaks or tabs either.
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s) && !hasUnsafeChars(s), '机关名称含有无效字符')
  .refine((s) => !hasInvisibleChars(s), `机关名称${INVISIBLE_MESSAGE}`);
const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,32}$/, '用户名须为 3–32 位小写字母、数字或 _ . -');
const ZDisplayName = safeName().trim().min(1, '请填写显示名称').max(40, '显示名称不能超过 40 个字');
const ZRole = z.enum(['filer', 'reviewer', 'admin'], '请选择角色');
const ZPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 位`)
  .max(MAX_PASSWORD_LENGTH, `密码不能超过 ${MAX_PASSWORD_LENGTH} 位`);

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new AppError('INVALID', r.error.issues[0]?.message ?? '输入有误');
  return r.data;
}

/** PostgreSQL and PGlite both report a unique violation as SQLSTATE 23505; drizzle wraps it. */
function isUniqueViolation(e: unknown): boolean {
  for (let x: unknown = e, i = 0; x && i < 4; x = (x as { cause?: unknown }).cause, i++) {
    if ((x as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

async function adminScope(db: Db, user: SessionUser): Promise<Scope> {
  if (!canAtOwnAgency(user, 'admin.open')) throw new AppError('FORBIDDEN', '只有管理员可以管理机关和账号');
  return scopeOf(db, user);
}

/** An agency the admin may manage, or NOT_FOUND (outside the subtree looks like nothing). */
function assertAgency(user: SessionUser, scope: Scope, agencyId: string, what = '机关'): void {
  if (!ZId.safeParse(agencyId).success || !can(user, 'agency.manage', { agencyId }, scope)) throw notFound(what);
}

// ——— agencies ———

/** The admin's subtree, depth-first with siblings by name, so a flat list reads as the tree. */
export async function listAgencyTree(db: Db, user: SessionUser): Promise<AgencyNode[]> {
  const scope = await adminScope(db, user);
  const rows = await db
    .select({
      id: agencies.id,
      name: agencies.name,
      parentId: agencies.parentId,
      // Written out in SQL: drizzle leaves a one-table select's columns unqualified, and inside the
      // subquery an unqualified "id" would be the user's id — every count came out 0.
      accountCount: sql<number>`(select count(*)::int from "users" u where u."agency_id" = "agencies"."id")`,
    })
    .from(agencies)
    .where(inArray(agencies.id, [...scope.agencyIds]));
  const children = new Map<string | null, typeof rows>();
  for (const r of sortByPinyin(rows, (r) => r.name)) {
    // The admin's own agency is the root even though it may have a parent outside the scope.
    const key = r.id === user.agencyId ? null : r.parentId;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const out: AgencyNode[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({ id: r.id, name: r.name, parentId: r.id === user.agencyId ? null : r.parentId, depth, accountCount: r.accountCount });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export const ZCreateAgency = z.object({ name: ZAgencyName, parentId: z.string() });
export type TCreateAgency = z.input<typeof ZCreateAgency>;
export const ZRenameAgency = z.object({ name: ZAgencyName });
export type TRenameAgency = z.input<typeof ZRenameAgency>;
export const ZMoveAgency = z.object({ parentId: z.string() });
export type TMoveAgency = z.input<typeof ZMoveAgency>;

async function nameTaken(db: Db, name: string, except?: string): Promise<boolean> {
  const rows = await db
    .select({ id: agencies.id })
    .from(agencies)
    .where(except ? and(eq(agencies.name, name), ne(agencies.id, except)) : eq(agencies.name, name))
    .limit(1);
  return rows.length > 0;
}

/** A new agency always hangs under one the admin manages: a new district root is out of reach. */
export async function createAgency(db: Db, user: SessionUser, input: unknown): Promise<{ id: string }> {
  const scope = await adminScope(db, user);
  const { name, parentId } = parse(ZCreateAgency, input);
  assertAgency(user, scope, parentId, '上级机关');
  const taken = new AppError('CONFLICT', `机关名称「${name}」已存在`);
  if (await nameTaken(db, name)) throw taken;
  try {
    const [row] = await db.insert(agencies).values({ name, parentId }).returning({ id: agencies.id });
    return row;
  } catch (e) {
    if (isUniqueViolation(e)) throw taken;
    throw e;
  }
}

export async function renameAgency(db: Db, user: SessionUser, id: string, input: unknown): Promise<void> {
  const scope = await adminScope(db, user);
  assertAgency(user, scope, id);
  const { name } = parse(ZRenameAgency, input);
  const taken = new AppError('CONFLICT', `机关名称「${name}」已存在`);
  if (await nameTaken(db, name, id)) throw taken;
  let queued = 0;
  try {
    await db.transaction(async (tx) => {
      await tx.update(agencies).set({ name }).where(eq(agencies.id, id));
      // Its approved reports print the registered name: their final PDFs are rendered again,
      // ahead, as after an approval (prerender.ts), not on the next download.
      const approved = await tx.select({ id: reports.id, version: reports.version }).from(reports).where(and(eq(reports.agencyId, id), eq(reports.status, 'approved')));
      for (const r of approved) await queueFinalPdf(tx, r.id, r.version);
      queued = approved.length;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw taken;
    throw e;
  }
  if (queued) nudgePrerender();
}

/** Any constant: tree moves run one at a time, so two crossing moves cannot build a cycle. */
const TREE_LOCK = 7_240_2027;

/**
 * Moves an agency (with its subtree) under another one in scope. The admin's own agency stays
 * the root of what they manage. The cycle check and the update run in one transaction under an
 * advisory lock: checked alone, "A under B" and "B under A" at the same moment would both pass.
 */
export async function moveAgency(db: Db, user: SessionUser, id: string, input: unknown): Promise<void> {
  const scope = await adminScope(db, user);
  assertAgency(user, scope, id);
  const { parentId } = parse(ZMoveAgency, input);
  assertAgency(user, scope, parentId, '上级机关');
  if (id === user.agencyId) throw new AppError('INVALID', '不能移动您所在的机关');
  if (id === parentId) throw new AppError('INVALID', '不能把机关移到它自己之下');
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK})`);
    const result = await tx.execute<{ id: string }>(sql`
      with recursive subtree as (
        select id from agencies where id = ${id}
        union all
        select a.id from agencies a join subtree s on a.parent_id = s.id
      )
      select id from subtree where id = ${parentId}`);
    const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
    if (rows.length) throw new AppError('INVALID', '不能把机关移到它自己的下级机关之下');
    await tx.update(agencies).set({ parentId }).where(eq(agencies.id, id));
  });
}

// ——— accounts ———

export async function listAccounts(db: Db, user: SessionUser): Promise<AccountRow[]> {
  const scope = await adminScope(db, user);
  const rows = await db
    .select({ ...SESSION_USER_COLUMNS, isActive: users.isActive, createdAt: users.createdAt })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(inArray(users.agencyId, [...scope.agencyIds]))
    .orderBy(asc(users.username));
  // By agency in pinyin order (a stable sort: within one, by user name).
  return sortByPinyin(rows, (r) => r.agencyName).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** An account the admin may manage (its agency is in the subtree), or NOT_FOUND. */
async function loadAccount(db: Db, user: SessionUser, scope: Scope, id: string) {
  if (!ZId.safeParse(id).success) throw notFound('账号');
  const [row] = await db
    .select({ id: users.id, username: users.username, agencyId: users.agencyId, role: users.role })
    .from(users)
    .where(eq(users.id, id));
  if (!row || !can(user, 'account.manage', { agencyId: row.agencyId }, scope)) throw notFound('账号');
  return row;
}

export const ZCreateAccount = z.object({
  username: ZUsername,
  displayName: ZDisplayName,
  role: ZRole,
  agencyId: z.string(),
  password: ZPassword,
});

export async function createAccount(db: Db, user: SessionUser, input: unknown): Promise<{ id: string }> {
  const scope = await adminScope(db, user);
  const data = parse(ZCreateAccount, input);
  assertAgency(user, scope, data.agencyId);
  const taken = new AppError('CONFLICT', `用户名「${data.username}」已被使用`);
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = ${data.username}`)
    .limit(1);
  if (existing) throw taken;
  const passwordHash = await hashPassword(data.password);
  try {
    const [row] = await db
      .insert(users)
      .values({ username: data.username, displayName: data.displayName, role: data.role, agencyId: data.agencyId, passwordHash })
      .returning({ id: users.id });
    return row;
  } catch (e) {
    // Two admins creating the same name at once: the case-insensitive unique index decides.
    if (isUniqueViolation(e)) throw taken;
    throw e;
  }
}

export type TCreateAccount = z.input<typeof ZCreateAccount>;
export const ZUpdateAccount = z.object({ displayName: ZDisplayName, role: ZRole, agencyId: z.string() });
export type TUpdateAccount = z.input<typeof ZUpdateAccount>;
export const ZResetPassword = z.object({ password: ZPassword });
export type TResetPassword = z.input<typeof ZResetPassword>;

/**
 * Display name, role and agency. Changes apply on the account's next request (the session
 * reads them from the users table each time). An admin keeps their own role and agency: one
 * slip would lock them out of this page.
 */
export async function updateAccount(db: Db, user: SessionUser, id: string, input: unknown): Promise<void> {
  const scope = await adminScope(db, user);
  const target = await loadAccount(db, user, scope, id);
  const data = parse(ZUpdateAccount, input);
  assertAgency(user, scope, data.agencyId);
  if (target.id === user.id && (data.role !== user.role || data.agencyId !== user.agencyId)) {
    throw new AppError('INVALID', '不能修改自己的角色或所属机关，请由其他管理员操作');
  }
  await db.update(users).set(data).where(eq(users.id, id));
}

/** A new password ends every session of that account and lifts a sign-in lockout. */
export async function resetPassword(db: Db, user: SessionUser, id: string, input: unknown): Promise<void> {
  const scope = await adminScope(db, user);
  const target = await loadAccount(db, user, scope, id);
  const { password } = parse(ZResetPassword, input);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await clearAccountLimits(tx as unknown as Db, target.username);
  });
}

/**
 * Deactivating signs the account out everywhere at once (its sessions are deleted, and
 * `getSessionUser` refuses inactive accounts besides). An admin cannot deactivate themselves.
 */
export async function setAccountActive(db: Db, user: SessionUser, id: string, input: unknown): Promise<void> {
  const scope = await adminScope(db, user);
  const target = await loadAccount(db, user, scope, id);
  const { isActive } = parse(z.object({ isActive: z.boolean() }), input);
  if (!isActive && target.id === user.id) throw new AppError('INVALID', '不能停用自己的账号');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ isActive }).where(eq(users.id, id));
    if (!isActive) await tx.delete(sessions).where(eq(sessions.userId, id));
  });
}

// ——— the first administrator ———

const ZFirstAdmin = z.object({ agencyName: ZAgencyName, username: ZUsername, displayName: ZDisplayName, password: ZPassword });

/**
 * The first administrator of an installation without demo data (`nianbao admin create`, run by
 * whoever runs the server). Refused once any active admin exists: from then on accounts are
 * made in 「系统管理」, where every action is scoped and checked. The agency is found by name,
 * or created at the top of the tree.
 */
export async function createFirstAdmin(db: Db, input: unknown): Promise<{ id: string; agencyId: string; agencyCreated: boolean }> {
  const data = parse(ZFirstAdmin, input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      const [admin] = await tx
        .select({ username: users.username })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.isActive, true)))
        .limit(1);
      if (admin) throw new AppError('CONFLICT', `已有管理员账号「${admin.username}」：请由管理员在「系统管理」中添加账号`);
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.username}) = ${data.username}`)
        .limit(1);
      if (taken) throw new AppError('CONFLICT', `用户名「${data.username}」已被使用`);
      let [agency] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, data.agencyName));
      const agencyCreated = !agency;
      if (!agency) [agency] = await tx.insert(agencies).values({ name: data.agencyName }).returning({ id: agencies.id });
      const [row] = await tx
        .insert(users)
        .values({ username: data.username, displayName: data.displayName, role: 'admin', agencyId: agency.id, passwordHash })
        .returning({ id: users.id });
      return { id: row.id, agencyId: agency.id, agencyCreated };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `用户名「${data.username}」已被使用`);
    throw e;
  }
}

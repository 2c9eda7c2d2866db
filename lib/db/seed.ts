import { sql } from 'drizzle-orm';
import { hashPassword } from '../auth/password';
import type { Db } from './client';
import { agencies, users } from './schema';

/** Printed in the README: change or deactivate these accounts before real use. */
export const DEMO_PASSWORD = 'nianbao2026';

export const DEMO = {
  district: '文峰区',
  offices: ['文峰区紫薇大道街道办事处', '文峰区东大街街道办事处'],
  accounts: [
    { username: 'ziwei', displayName: '紫薇大道街道填报员', role: 'filer', agency: '文峰区紫薇大道街道办事处' },
    { username: 'dongdajie', displayName: '东大街街道填报员', role: 'filer', agency: '文峰区东大街街道办事处' },
    { username: 'wenfeng', displayName: '文峰区政务公开办', role: 'reviewer', agency: '文峰区' },
    { username: 'admin', displayName: '系统管理员', role: 'admin', agency: '文峰区' },
  ],
} as const;

/** Creates the demo district when the database has no agency yet; does nothing otherwise. */
export async function seedDemo(db: Db): Promise<void> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(agencies);
  if (n > 0) return;
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [district] = await tx.insert(agencies).values({ name: DEMO.district }).returning();
    const offices = await tx
      .insert(agencies)
      .values(DEMO.offices.map((name) => ({ name, parentId: district.id })))
      .returning();
    const idOf = (name: string) => (name === district.name ? district.id : offices.find((o) => o.name === name)!.id);
    await tx.insert(users).values(
      DEMO.accounts.map((a) => ({
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        agencyId: idOf(a.agency),
        passwordHash: hash,
      })),
    );
  });
}

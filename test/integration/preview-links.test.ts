import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbHandle } from '../../lib/db/client';
import { agencies, previewLinks, users } from '../../lib/db/schema';
import { DEMO_PASSWORD } from '../../lib/db/seed';
import { hashPassword } from '../../lib/auth/password';
import type { SessionUser } from '../../lib/auth/types';
import { createReport } from '../../lib/server/reports';
import { createPreviewLink, listPreviewLinks, openPreviewLink, revokePreviewLink } from '../../lib/server/preview-links';
import { renderSharedPdf } from '../../lib/server/documents';
import { backends } from '../support/databases';
import { failure } from '../support/failure';
import { signInDemo } from '../support/sign-in';

const list = await backends();
const DAY = 86_400_000;

for (const backend of list) {
  describe(`preview links on ${backend.name}`, () => {
    let h: DbHandle & { drop(): Promise<void> };
    const as: Record<string, SessionUser> = {};
    let id = '';

    const signIn = (username: string) => signInDemo(h.db, username);

    beforeAll(async () => {
      h = await backend.open();
      for (const u of ['ziwei', 'dongdajie', 'wenfeng', 'admin']) as[u] = await signIn(u);
      const [other] = await h.db.insert(agencies).values({ name: '卫滨区' }).returning();
      await h.db.insert(users).values({ username: 'weibin', displayName: '卫滨区政务公开办', role: 'reviewer', agencyId: other.id, passwordHash: await hashPassword(DEMO_PASSWORD) });
      as.weibin = await signIn('weibin');
      ({ id } = await createReport(h.db, as.ziwei, { agencyId: as.ziwei.agencyId, year: 2025 }));
    });
    afterAll(async () => h?.drop());

    it('stores only the SHA-256 of an unguessable token, and the token opens the report', async () => {
      const link = await createPreviewLink(h.db, as.wenfeng, id, {});
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
      expect(link.path).toBe(`/p/${link.token}`);
      const [row] = await h.db.select().from(previewLinks).where(eq(previewLinks.id, link.id));
      expect(row.tokenHash).toBe(createHash('sha256').update(link.token).digest('hex'));
      // The token appears nowhere in the row.
      expect(JSON.stringify(row)).not.toContain(link.token);
      expect(row.createdBy).toBe(as.wenfeng.id);
      const shared = await openPreviewLink(h.db, link.token);
      expect(shared).toMatchObject({ reportId: id, status: 'draft', agencyName: '文峰区紫薇大道街道办事处', year: 2025 });
      expect(shared?.doc.meta.year).toBe(2025);
      // Two links never share a token.
      const again = await createPreviewLink(h.db, as.wenfeng, id, {});
      expect(again.token).not.toBe(link.token);
      // Not the hash, nor a near miss.
      expect(await openPreviewLink(h.db, row.tokenHash)).toBeNull();
      expect(await openPreviewLink(h.db, link.token.slice(0, -1) + (link.token.endsWith('A') ? 'B' : 'A'))).toBeNull();
      expect(await openPreviewLink(h.db, '')).toBeNull();
      // Its PDF route renders nothing for them either (the route answers its plain 404).
      expect(await renderSharedPdf(h.db, row.tokenHash)).toBeNull();
    });

    it('expires after 1–30 days (7 by default)', async () => {
      const now = new Date('2026-01-10T08:00:00Z');
      const byDefault = await createPreviewLink(h.db, as.wenfeng, id, {}, now);
      expect(new Date(byDefault.expiresAt).getTime() - now.getTime()).toBe(7 * DAY);
      const oneDay = await createPreviewLink(h.db, as.wenfeng, id, { days: 1 }, now);
      expect(await openPreviewLink(h.db, oneDay.token, new Date(now.getTime() + DAY - 1000))).not.toBeNull();
      expect(await openPreviewLink(h.db, oneDay.token, new Date(now.getTime() + DAY))).toBeNull();
      const month = await createPreviewLink(h.db, as.wenfeng, id, { days: 30 }, now);
      expect(new Date(month.expiresAt).getTime() - now.getTime()).toBe(30 * DAY);
      for (const days of [0, 31, 1.5, '7', -1]) {
        expect(await failure(createPreviewLink(h.db, as.wenfeng, id, { days }))).toMatchObject({ code: 'INVALID' });
      }
      // Listed as expired once past its end, the others still active.
      const listed = await listPreviewLinks(h.db, as.wenfeng, id, new Date(now.getTime() + 8 * DAY));
      expect(listed.find((l) => l.id === byDefault.id)?.state).toBe('expired');
      expect(listed.find((l) => l.id === month.id)?.state).toBe('active');
    });

    it('a link ends when the reviewer who made it is deactivated (issue 26, 6)', async () => {
      const link = await createPreviewLink(h.db, as.wenfeng, id, { days: 3 });
      expect(await openPreviewLink(h.db, link.token)).not.toBeNull();
      await h.db.update(users).set({ isActive: false }).where(eq(users.id, as.wenfeng.id));
      try {
        expect(await openPreviewLink(h.db, link.token)).toBeNull();
      } finally {
        await h.db.update(users).set({ isActive: true }).where(eq(users.id, as.wenfeng.id));
      }
    });

    it('a real link expired in the database is refused too', async () => {
      const link = await createPreviewLink(h.db, as.wenfeng, id, { days: 1 });
      await h.db.update(previewLinks).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(previewLinks.id, link.id));
      expect(await openPreviewLink(h.db, link.token)).toBeNull();
    });

    it('revoking ends a link at once; any reviewer of the district may revoke', async () => {
      const link = await createPreviewLink(h.db, as.wenfeng, id, { days: 3 });
      expect(await openPreviewLink(h.db, link.token)).not.toBeNull();
      expect(await failure(revokePreviewLink(h.db, as.weibin, link.id))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(revokePreviewLink(h.db, as.ziwei, link.id))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await openPreviewLink(h.db, link.token)).not.toBeNull();
      await revokePreviewLink(h.db, as.wenfeng, link.id);
      expect(await openPreviewLink(h.db, link.token)).toBeNull();
      const listed = (await listPreviewLinks(h.db, as.wenfeng, id)).find((l) => l.id === link.id);
      expect(listed).toMatchObject({ state: 'revoked', createdByName: '文峰区政务公开办' });
      const revokedAt = listed?.revokedAt;
      await revokePreviewLink(h.db, as.wenfeng, link.id); // twice: the first time stands
      expect((await listPreviewLinks(h.db, as.wenfeng, id)).find((l) => l.id === link.id)?.revokedAt).toBe(revokedAt);
      expect(await failure(revokePreviewLink(h.db, as.wenfeng, '00000000-0000-4000-8000-000000000000'))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('only a reviewer with the report in scope creates or lists links', async () => {
      expect(await failure(createPreviewLink(h.db, as.weibin, id, {}))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(listPreviewLinks(h.db, as.weibin, id))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(createPreviewLink(h.db, as.dongdajie, id, {}))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(createPreviewLink(h.db, as.ziwei, id, {}))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(listPreviewLinks(h.db, as.ziwei, id))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(createPreviewLink(h.db, as.admin, id, {}))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(createPreviewLink(h.db, as.wenfeng, 'nope', {}))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(createPreviewLink(h.db, as.wenfeng, '00000000-0000-4000-8000-000000000000', {}))).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}

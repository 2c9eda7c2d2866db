/**
 * 辖区报告 at province scale: searched, filtered, sorted and paged on the server, with the counts
 * of the whole scope — on a small province (5 cities × 2 districts × 20 units) on PGlite and
 * PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agencies } from '../../lib/db/schema';
import { seedProvince } from '../../lib/db/seed-province';
import type { SessionUser } from '../../lib/auth/types';
import { districtOverview, nameInitials, nameMatches, REVIEW_PAGE_SIZE } from '../../lib/server/district-overview';
import { backends, type OpenedBackend } from '../support/databases';

const YEAR = new Date().getFullYear() - 1;
const SHAPE = { cities: 5, districtsPerCity: 2, unitsPerDistrict: 20, cityDepartments: 4 };
const list = await backends();

describe('pinyin initials', () => {
  it('finds a unit by the first letters of its name, or by part of the name', () => {
    expect(nameInitials('安阳市文峰区')).toBe('ayswfq');
    expect(nameMatches('安阳市文峰区紫薇大道街道办事处', 'zwdd')).toBe(true);
    expect(nameMatches('安阳市文峰区紫薇大道街道办事处', '紫薇')).toBe(true);
    expect(nameMatches('安阳市文峰区紫薇大道街道办事处', 'dzj')).toBe(false);
  });
});

for (const backend of list) {
  describe(`辖区报告 list on ${backend.name}`, () => {
    let h: OpenedBackend;
    const at = async (name: string): Promise<SessionUser> => {
      const [a] = await h.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, name));
      return { id: '00000000-0000-4000-8000-000000000001', username: 'r', displayName: 'r', role: 'reviewer', agencyId: a.id, agencyName: name };
    };
    beforeAll(async () => {
      h = await backend.open({ demo: false });
      await seedProvince(h.db, { shape: SHAPE, years: [YEAR], versions: false });
    }, 120_000);
    afterAll(async () => h?.drop());

    it('pages the province: one page of rows, the counts of all, the cities to choose from', async () => {
      const henan = await at('河南省');
      const all = await districtOverview(h.db, henan, YEAR);
      // 5 cities, each with 4 departments and 2 districts of 20 units.
      expect(all.total).toBe(5 * (1 + 4 + 2 * (1 + 20)));
      expect(all.rows).toHaveLength(REVIEW_PAGE_SIZE);
      expect(all.pages).toBe(Math.ceil(all.total / REVIEW_PAGE_SIZE));
      const { late, ...byStatus } = all.counts;
      expect(Object.values(byStatus).reduce((a, b) => a + b, 0)).toBe(all.total);
      expect(late).toBeGreaterThanOrEqual(0);
      // In pinyin order, not code-point order (安阳 < 开封 < 洛阳 < 平顶山 < 郑州).
      expect(all.branches.map((b) => b.name)).toEqual(['安阳市', '开封市', '洛阳市', '平顶山市', '郑州市']);
      expect(all.branches.every((b) => b.units === 4 + 2 * 21)).toBe(true);
      // Work first: submitted reports lead the default order.
      const statuses = all.rows.map((r) => r.status);
      expect(statuses.indexOf('submitted') <= 0 || statuses.slice(0, statuses.indexOf('submitted')).every((s) => s === 'submitted')).toBe(true);
      // The last page holds the rest; a page past the end shows the last.
      const last = await districtOverview(h.db, henan, YEAR, new Date(), { page: 999 });
      expect(last.page).toBe(all.pages);
      expect(last.rows).toHaveLength(all.total - (all.pages - 1) * REVIEW_PAGE_SIZE);
    });

    it('filters by city, status and name (pinyin initials too), and sorts by pinyin', async () => {
      const henan = await at('河南省');
      const anyangId = (await at('安阳市')).agencyId;
      const anyang = await districtOverview(h.db, henan, YEAR, new Date(), { under: anyangId, sort: 'name' });
      // The city itself, its 4 departments, its 2 districts with 20 units each.
      expect(anyang.matched).toBe(1 + 4 + 2 * 21);
      expect(anyang.rows.every((r) => r.branchName === '安阳市')).toBe(true);
      const names = anyang.rows.map((r) => r.agencyName);
      expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN').compare));
      const wenfeng = await districtOverview(h.db, henan, YEAR, new Date(), { q: 'wfq' });
      expect(wenfeng.matched).toBeGreaterThan(1);
      expect(wenfeng.rows.every((r) => r.agencyName.includes('文峰区'))).toBe(true);
      const approved = await districtOverview(h.db, henan, YEAR, new Date(), { status: 'approved' });
      expect(approved.matched).toBe(approved.counts.approved);
      expect(approved.rows.every((r) => r.status === 'approved')).toBe(true);
      const grouped = await districtOverview(h.db, henan, YEAR, new Date(), { sort: 'branch', page: 2 });
      const branchOrder = grouped.rows.map((r) => r.branchName).filter((b, i, a) => a.indexOf(b) === i);
      expect(branchOrder).toEqual([...branchOrder].sort(new Intl.Collator('zh-CN').compare));
    });

    it('reads only what is in the reviewer’s scope: a city sees its own units', async () => {
      const anyang = await districtOverview(h.db, await at('安阳市'), YEAR, new Date(), { q: '' , page: 1 });
      expect(anyang.total).toBe(4 + 2 * 21);
      expect(anyang.branches.map((b) => b.name).sort()).toEqual(['北关区', '文峰区']);
      const none = await districtOverview(h.db, await at('安阳市'), YEAR, new Date(), { q: '郑州' });
      expect(none.matched).toBe(0);
    });
  });
}

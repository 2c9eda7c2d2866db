/**
 * `NIANBAO_DEMO=province`: a province-sized tree to see the roll-ups and the scale in the UI —
 * 省 → 12 市 (each with its own departments) → 8 区/县 each → about 50 street offices, towns
 * and bureaus each: about 5 000 agencies, with generated reports that satisfy the rules
 * (lib/report/generate.ts) for the last two years: most approved, some submitted, returned or
 * still drafts, a few with errors, some submitted after the deadline. The demo district
 * (./seed.ts: 文峰区 and its accounts) is one of 安阳市's districts, so the usual accounts work,
 * with a reviewer for the province (henan) and one for the city (anyang) besides.
 *
 * Inserted in batches (one statement per few hundred rows), in one transaction.
 */
import { sql } from 'drizzle-orm';
import { hashPassword } from '../auth/password';
import { consistentReport, rng } from '../report/generate';
import { setCell } from '../report/cells';
import { publicationDeadline } from '../report/limits';
import type { Report } from '../report/types';
import type { ReportStatus } from '../review/transitions';
import { currentTemplate } from '../template/registry';
import type { Db } from './client';
import { agencies, reportEvents, reports, reportVersions, users } from './schema';
import { DEMO, DEMO_PASSWORD } from './seed';

export const PROVINCE_DEMO = {
  province: '河南省',
  accounts: [
    { username: 'henan', displayName: '河南省政务公开办', role: 'reviewer', agency: '河南省' },
    { username: 'anyang', displayName: '安阳市政务公开办', role: 'reviewer', agency: '安阳市' },
  ],
} as const;

const CITIES = ['郑州市', '开封市', '洛阳市', '平顶山市', '安阳市', '鹤壁市', '新乡市', '焦作市', '濮阳市', '许昌市', '漯河市', '三门峡市'];
/** 安阳市's real districts and counties; the others' are generated from the stems below. */
const ANYANG = ['文峰区', '北关区', '殷都区', '龙安区', '安阳县', '汤阴县', '滑县', '内黄县'];
const DISTRICT_STEMS = ['城关', '东城', '西城', '南湖', '北山', '新华', '长安', '青山', '河东', '河西', '桥西', '桥东', '永安', '兴隆', '和平', '红旗', '解放', '胜利', '建设', '光明', '白云', '金水', '清河', '凤凰'];
const STREETS = ['人民路', '解放路', '中山路', '建设路', '新华路', '和平路', '东风路', '北关', '南关', '西关', '东关', '光明路', '文化路', '育才路', '胜利路', '朝阳路'];
const TOWNS = ['柏庄', '高庄', '李村', '王店', '张集', '杨桥', '马头', '石桥', '白河', '黄集', '刘庄', '孙寨', '赵岗', '陈营', '吴寨', '郭店'];
const BUREAUS = [
  '发展和改革委员会', '教育局', '科学技术局', '工业和信息化局', '民政局', '司法局', '财政局', '人力资源和社会保障局',
  '自然资源局', '住房和城乡建设局', '交通运输局', '农业农村局', '水利局', '商务局', '文化广电和旅游局', '卫生健康委员会',
  '退役军人事务局', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '城市管理局', '信访局',
  '林业局', '体育局', '行政审批服务局', '人民防空办公室', '机关事务管理局', '档案馆', '地方志办公室', '生态环境分局',
  '公安分局', '税务局',
];

export type ProvinceShape = {
  cities: number;
  districtsPerCity: number;
  /** Street offices, towns and bureaus under each district. */
  unitsPerDistrict: number;
  /** Each city's own departments. */
  cityDepartments: number;
};
export const PROVINCE_SHAPE: ProvinceShape = { cities: 12, districtsPerCity: 8, unitsPerDistrict: 50, cityDepartments: 10 };

type Node = { name: string; parent: string | null };

/** The tree as (name, parent name), parents first; names unique, plausible, deterministic. */
export function provinceTree(shape: ProvinceShape = PROVINCE_SHAPE): Node[] {
  const rand = rng(2026);
  const pick = <T>(list: readonly T[], n: number): T[] => {
    const pool = [...list];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, n);
  };
  const nodes: Node[] = [{ name: PROVINCE_DEMO.province, parent: null }];
  const cityNames = Array.from({ length: shape.cities }, (_, i) => CITIES[i % CITIES.length] + (i < CITIES.length ? '' : `第${Math.floor(i / CITIES.length) + 1}`));
  for (const city of cityNames) {
    nodes.push({ name: city, parent: PROVINCE_DEMO.province });
    for (const b of BUREAUS.slice(0, shape.cityDepartments)) nodes.push({ name: `${city}${b}`, parent: city });
    const districts =
      city === '安阳市'
        ? ANYANG.slice(0, shape.districtsPerCity)
        : pick(DISTRICT_STEMS, shape.districtsPerCity).map((stem, i) => `${city}${stem}${i % 3 === 2 ? '县' : '区'}`);
    for (const district of districts) {
      nodes.push({ name: district, parent: city });
      const isCounty = district.endsWith('县');
      const streets = Math.round(shape.unitsPerDistrict * (isCounty ? 0.1 : 0.2));
      const towns = Math.round(shape.unitsPerDistrict * (isCounty ? 0.25 : 0.1));
      const names: string[] = district === DEMO.district ? [...DEMO.offices] : [];
      for (const s of STREETS.slice(0, streets)) names.push(`${district}${s}街道办事处`);
      for (const t of TOWNS.slice(0, towns)) names.push(`${district}${t}${isCounty ? '镇' : '乡'}人民政府`);
      // Bureaus, then numbered units (社区, 所) when a bench asks for more than there are names.
      for (let i = 0; names.length < shape.unitsPerDistrict; i++)
        names.push(i < BUREAUS.length ? `${district}${BUREAUS[i]}` : `${district}第${i - BUREAUS.length + 1}社区居民委员会`);
      for (const n of [...new Set(names)].slice(0, shape.unitsPerDistrict)) nodes.push({ name: n, parent: district });
    }
  }
  return nodes;
}

const BATCH = 500;
async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export type ProvinceSeedOptions = {
  shape?: ProvinceShape;
  /** The years with reports, latest first; default: last year and the one before. */
  years?: number[];
  /** Every report approved and correct (benchmarks); default: the mix a January looks like. */
  allApproved?: boolean;
  /** Also keep each report's first version (report_versions), as the app does; default true. */
  versions?: boolean;
};

/**
 * Creates the province when the database has no agency yet; does nothing otherwise. Returns
 * the number of agencies and reports made.
 */
export async function seedProvince(db: Db, options: ProvinceSeedOptions = {}): Promise<{ agencies: number; reports: number }> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(agencies);
  if (n > 0) return { agencies: 0, reports: 0 };
  const shape = options.shape ?? PROVINCE_SHAPE;
  const latest = new Date().getFullYear() - 1;
  const years = options.years ?? [latest, latest - 1];
  const keepVersions = options.versions ?? true;
  const tree = provinceTree(shape);
  const hash = await hashPassword(DEMO_PASSWORD);
  let made = 0;
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    // Level by level, so every parent's id is known before its children are inserted.
    let level = tree.filter((t) => t.parent === null);
    while (level.length) {
      await inBatches(level, async (batch) => {
        const rows = await tx
          .insert(agencies)
          .values(batch.map((t) => ({ name: t.name, parentId: t.parent ? ids.get(t.parent)! : null })))
          .returning({ id: agencies.id, name: agencies.name });
        for (const r of rows) ids.set(r.name, r.id);
      });
      const names = new Set(level.map((l) => l.name));
      level = tree.filter((t) => t.parent !== null && names.has(t.parent));
    }
    const accounts = [...DEMO.accounts, ...PROVINCE_DEMO.accounts].filter((a) => ids.has(a.agency));
    await tx
      .insert(users)
      .values(accounts.map((a) => ({ username: a.username, displayName: a.displayName, role: a.role, agencyId: ids.get(a.agency)!, passwordHash: hash })));
    // Who the generated reports' history names: an account nobody signs in with.
    const [generator] = await tx
      .insert(users)
      .values({ username: 'demo-generator', displayName: '演示数据生成', role: 'filer', agencyId: ids.get(PROVINCE_DEMO.province)!, passwordHash: hash, isActive: false })
      .returning({ id: users.id });

    const rand = rng(7);
    const parents = new Set(tree.map((t) => t.parent));
    type Row = { agencyId: string; year: number; status: ReportStatus; content: Report; submittedAt: Date | null; approvedAt: Date | null };
    const rows: Row[] = [];
    // A pool of generated reports per year and size, each agency taking one under its own name:
    // generating one costs ~2 ms, and 10 000 of them would double the seeding time.
    const POOL = 400;
    const pools = new Map<string, Report[]>();
    const generated = (year: number, scale: number): Report => {
      const key = `${year}:${scale}`;
      if (!pools.has(key)) pools.set(key, Array.from({ length: POOL }, (_, i) => consistentReport(year * 1000 + scale * 7 + i, scale, '', year)));
      return pools.get(key)![Math.floor(rand() * POOL)];
    };
    for (const year of years) {
      const due = new Date(`${publicationDeadline(year)}T12:00:00+08:00`).getTime();
      for (const t of tree) {
        if (t.parent === null) continue; // the province's own report is the sum
        const isLeaf = !parents.has(t.name);
        const roll = rand();
        // Older years are finished; the latest one is a January in progress.
        const status: ReportStatus | null =
          options.allApproved || year !== years[0]
            ? 'approved'
            : roll < 0.06
              ? null
              : roll < 0.12
                ? 'draft'
                : roll < 0.15
                  ? 'returned'
                  : roll < 0.3
                    ? 'submitted'
                    : 'approved';
        if (!status) continue;
        // Bureaus and towns handle fewer applications than a city's departments.
        const base = generated(year, isLeaf ? 30 : 80);
        let content: Report = { ...base, meta: { ...base.meta, agencyName: t.name } };
        // A few with errors (a total that does not match its details), never approved.
        if (!options.allApproved && status !== 'approved' && rand() < 0.3) {
          const total = content.tables.table3.newReceived.total;
          if (typeof total === 'number') {
            content = setCell({ ...content, meta: { ...content.meta, totals: 'asPrinted' } }, { table: 'table3', row: 'newReceived', col: 'total' }, total + 1 + Math.floor(rand() * 5));
          }
        }
        const late = !options.allApproved && rand() < 0.12;
        const submittedAt = status === 'draft' ? null : new Date(due - (late ? -1 : 1) * (1 + Math.floor(rand() * 20)) * 86_400_000);
        const approvedAt = status === 'approved' && submittedAt ? new Date(submittedAt.getTime() + (1 + Math.floor(rand() * 5)) * 86_400_000) : null;
        rows.push({ agencyId: ids.get(t.name)!, year, status, content, submittedAt, approvedAt });
      }
    }
    await inBatches(rows, async (batch) => {
      const inserted = await tx
        .insert(reports)
        .values(
          batch.map((r) => ({
            agencyId: r.agencyId,
            year: r.year,
            edition: currentTemplate.edition,
            status: r.status,
            content: r.content,
            updatedBy: generator.id,
            updatedAt: r.approvedAt ?? r.submittedAt ?? undefined,
          })),
        )
        .returning({ id: reports.id });
      const events = batch.flatMap((r, i) => [
        ...(r.submittedAt ? [{ reportId: inserted[i].id, at: r.submittedAt, actorId: generator.id, fromStatus: 'draft' as const, toStatus: 'submitted' as const, version: 1 }] : []),
        ...(r.status === 'returned' && r.submittedAt
          ? [{ reportId: inserted[i].id, at: new Date(r.submittedAt.getTime() + 86_400_000), actorId: generator.id, fromStatus: 'submitted' as const, toStatus: 'returned' as const, version: 1, reason: '请核对表三合计。' }]
          : []),
        ...(r.approvedAt ? [{ reportId: inserted[i].id, at: r.approvedAt, actorId: generator.id, fromStatus: 'submitted' as const, toStatus: 'approved' as const, version: 1 }] : []),
      ]);
      if (events.length) await tx.insert(reportEvents).values(events);
    });
    // The first version of each, copied inside the database (sending every content twice
    // from here takes four times as long on PGlite).
    if (keepVersions)
      await tx.execute(sql`insert into ${reportVersions} (report_id, version, content, saved_by, saved_at)
        select id, version, content, updated_by, updated_at from ${reports}`);
    made = rows.length;
  });
  // Statistics for the planner now, not when autovacuum gets round to it: without them the
  // first summaries plan for empty tables (a district of 200 reports took 2 s instead of 0.1 s).
  await db.execute(sql`analyze agencies, reports`);
  return { agencies: tree.length, reports: made };
}

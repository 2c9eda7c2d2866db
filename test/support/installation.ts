/**
 * A generated installation for the export/import tests and the transfer benchmark: a province →
 * districts → offices tree of agencies (ids random, so a child's id often sorts before its
 * parent's), a filer per agency, one report per agency with 2–3 saved versions, and around them
 * status events, comments (some resolved), deadlines, preview links (some revoked) — and rows of
 * the tables an export leaves out (a session, a cached PDF, a sign-in counter). Batch inserts.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/db/client';
import { agencies, loginThrottle, pdfCache, previewLinks, reportComments, reportDeadlines, reportEvents, reports, reportVersions, sessions, users } from '../../lib/db/schema';
import type { Report } from '../../lib/report/types';
import { consistentReport, rng } from './generate';

const BATCH = 500;

async function insertAll<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Text that a careless export would change: quotes, backslashes, line separators, emoji, NUL-free controls. */
export const AWKWARD_TEXT = '引号"与\\反斜杠\t制表\n换行\u2028行分隔 😀 𠮷 <b>&amp;</b> 1e400 -0';

export type InstallationCounts = { agencies: number; reports: number; versions: number };

export async function makeInstallation(db: Db, opts: { agencies: number; seed?: number }): Promise<InstallationCounts> {
  const rand = rng(opts.seed ?? 7);
  const province = { id: randomUUID(), name: '测试省', parentId: null as string | null };
  const districts = Array.from({ length: Math.max(1, Math.round(opts.agencies / 50)) }, (_, i) => ({ id: randomUUID(), name: `测试省第${i + 1}区`, parentId: province.id }));
  const offices = Array.from({ length: Math.max(0, opts.agencies - districts.length - 1) }, (_, i) => ({
    id: randomUUID(),
    name: `测试省第${(i % districts.length) + 1}区第${i + 1}街道办事处`,
    parentId: districts[i % districts.length].id,
  }));
  const all = [province, ...districts, ...offices];
  // Parents first here; the export must find that order itself, whatever the ids.
  await insertAll(all, (b) => db.insert(agencies).values(b));

  const hash = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$ZmFrZWhhc2hmb3J0ZXN0cw';
  const filers = all.map((a, i) => ({ id: randomUUID(), username: `filer${i}`, displayName: `填报员${i}`, passwordHash: hash, role: 'filer' as const, agencyId: a.id }));
  const reviewer = { id: randomUUID(), username: 'reviewer', displayName: '省政务公开办', passwordHash: hash, role: 'reviewer' as const, agencyId: province.id, isActive: false };
  await insertAll([...filers, reviewer], (b) => db.insert(users).values(b));

  // A few distinct reports, varied per agency and version (generating each from scratch is slow).
  const bases = Array.from({ length: 20 }, (_, i) => consistentReport(i + 1, 50));
  const reportRows: (typeof reports.$inferInsert)[] = [];
  const versionRows: (typeof reportVersions.$inferInsert)[] = [];
  const eventRows: (typeof reportEvents.$inferInsert)[] = [];
  const commentRows: (typeof reportComments.$inferInsert)[] = [];
  const linkRows: (typeof previewLinks.$inferInsert)[] = [];
  all.forEach((a, i) => {
    const id = randomUUID();
    const versions = 2 + Math.floor(rand() * 2);
    let content: Report = structuredClone(bases[i % bases.length]);
    content.meta.agencyName = a.name;
    for (let v = 1; v <= versions; v++) {
      content = structuredClone(content);
      content.text.overview.onRequest = `${content.text.overview.onRequest}第${v}次修改。${i % 97 === 0 ? AWKWARD_TEXT : ''}`;
      versionRows.push({ reportId: id, version: v, content, savedBy: filers[i].id });
    }
    const status = i % 3 === 0 ? 'submitted' : 'draft';
    reportRows.push({ id, agencyId: a.id, year: 2025, edition: '2021', status, version: versions, content, updatedBy: filers[i].id });
    if (status === 'submitted') eventRows.push({ reportId: id, actorId: filers[i].id, fromStatus: 'draft', toStatus: 'submitted', version: versions });
    if (i % 5 === 0) {
      commentRows.push({ reportId: id, authorId: reviewer.id, section: 'overview', body: `请核对第${i}项。${AWKWARD_TEXT}` });
      commentRows.push({ reportId: id, authorId: reviewer.id, section: 'tables', cell: 'table3.granted.natural', body: '数字有误', resolvedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), resolvedBy: filers[i].id });
    }
    if (i % 7 === 0) {
      linkRows.push({ tokenHash: randomUUID().replaceAll('-', '').repeat(2), reportId: id, createdBy: filers[i].id, expiresAt: new Date(Date.UTC(2027, 5, 1)), revokedAt: i % 14 === 0 ? new Date() : null });
    }
  });
  await insertAll(reportRows, (b) => db.insert(reports).values(b));
  await insertAll(versionRows, (b) => db.insert(reportVersions).values(b));
  await insertAll(eventRows, (b) => db.insert(reportEvents).values(b));
  await insertAll(commentRows, (b) => db.insert(reportComments).values(b));
  await insertAll(linkRows, (b) => db.insert(previewLinks).values(b));
  await insertAll(
    districts.map((d) => ({ agencyId: d.id, year: 2025, dueDate: '2026-01-31' })),
    (b) => db.insert(reportDeadlines).values(b),
  );
  // What an export leaves out.
  await db.insert(sessions).values({ tokenHash: 'f'.repeat(64), userId: filers[0].id, expiresAt: new Date(Date.now() + 86_400_000) });
  await db.insert(loginThrottle).values({ key: 'addr:127.0.0.1', attempts: 3, windowStart: new Date(), nextAt: new Date() });
  await db.insert(pdfCache).values({ key: 'k1', reportId: reportRows[0].id!, version: 1, final: false, fingerprint: 'fp', bytes: Buffer.from('%PDF-1.7 \x00\xff'), size: 12 });
  return { agencies: all.length, reports: reportRows.length, versions: versionRows.length };
}

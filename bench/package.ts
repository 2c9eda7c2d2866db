/**
 * District package (「打包下载」) of 60 approved reports on embedded PGlite: total time, ZIP size
 * and peak RSS (the process with its PDF worker threads), with a cold PDF cache (every PDF
 * rendered) and a warm one (every PDF from the cache). Then the 60 are saved (a new version)
 * and approved again through the review service: the background worker renders their final PDFs and DOCX
 * (lib/server/prerender.ts), and the package right after goes through a closed PDF pool — it
 * could not render if it had to. Run alone: `npx tsx bench/package.ts`.
 */
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { summarize, printResults, type BenchResult } from './stats';

const AGENCIES = 60;

export async function benchPackage(): Promise<BenchResult[]> {
  const { openDb } = await import('../lib/db/client');
  const { agencies, reports } = await import('../lib/db/schema');
  const { login } = await import('../lib/auth/login');
  const { getSessionUser } = await import('../lib/auth/session');
  const { DEMO_PASSWORD } = await import('../lib/db/seed');
  const { consistentReport } = await import('../test/support/generate');
  const { districtPackageStream, planDistrictPackage } = await import('../lib/server/district-package');
  const { closeSharedPdfPool, createPdfPool, sharedPdfPool } = await import('../lib/render/pdf');
  const { transitionReport } = await import('../lib/server/review');
  const { drainJobs } = await import('../lib/server/jobs');
  const { prerenderHandlers } = await import('../lib/server/prerender');
  const { pdfCacheStats } = await import('../lib/server/pdf-cache');

  const h = await openDb({ demo: true });
  const [district] = await h.db.select().from(agencies).where(eq(agencies.name, '文峰区'));
  for (let i = 0; i < AGENCIES; i++) {
    const name = `文峰区第${i + 1}街道办事处`;
    const [a] = await h.db.insert(agencies).values({ name, parentId: district.id }).returning();
    const g = consistentReport(100 + i, 200, name, 2024);
    const content = { ...g, meta: { ...g.meta, publishDate: '2025-01-20' } };
    await h.db.insert(reports).values({ agencyId: a.id, year: 2024, edition: '2021', status: 'approved', content });
  }
  const r = await login(h.db, { username: 'wenfeng', password: DEMO_PASSWORD, ip: '127.0.0.1' });
  if (!r.ok) throw new Error(r.message);
  const user = (await getSessionUser(h.db, r.token))!;

  const once = async (pdfCache?: { pool: ReturnType<typeof createPdfPool> }) => {
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const t = performance.now();
    const pkg = await planDistrictPackage(h.db, user, { year: 2024 });
    let bytes = 0;
    for await (const chunk of districtPackageStream(h.db, user, pkg, { pdfCache }) as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    const ms = performance.now() - t;
    clearInterval(timer);
    return { ms, bytes, peakMb: peak / 1024 / 1024, reports: pkg.reports.length };
  };
  const before = process.memoryUsage().rss / 1024 / 1024;
  const cold = await once();
  const warm = [await once(), await once(), await once()];

  // Right after approval: a new version of each (as a save makes), submitted and approved.
  const approvedNow = await h.db
    .update(reports)
    .set({ status: 'submitted', version: sql`${reports.version} + 1` })
    .where(eq(reports.year, 2024))
    .returning({ id: reports.id, version: reports.version });
  const reviewer = await login(h.db, { username: 'wenfeng', password: DEMO_PASSWORD, ip: '127.0.0.1' });
  if (!reviewer.ok) throw new Error(reviewer.message);
  const wenfeng = (await getSessionUser(h.db, reviewer.token))!;
  const tApprove = performance.now();
  for (const a of approvedNow) await transitionReport(h.db, wenfeng, a.id, { transition: 'approve', from: 'submitted', version: a.version });
  const approveMs = (performance.now() - tApprove) / approvedNow.length;
  const tRender = performance.now();
  const rendered = await drainJobs(h.db, { handlers: prerenderHandlers(h.db, { pool: sharedPdfPool() }) });
  const prerenderS = (performance.now() - tRender) / 1000;
  const cache = await pdfCacheStats(h.db);
  const closedPool = createPdfPool({ size: 1 });
  await closedPool.close();
  const ahead = [await once({ pool: closedPool }), await once({ pool: closedPool }), await once({ pool: closedPool })];
  await closeSharedPdfPool();
  await h.close();
  if (cold.reports !== AGENCIES) throw new Error(`expected ${AGENCIES} reports, packaged ${cold.reports}`);
  return [
    summarize(`package of ${AGENCIES}, cold PDF cache, total`, [cold.ms / 1000], 's'),
    summarize(`package of ${AGENCIES}, RSS before (db of 60 loaded)`, [before], 'MB'),
    summarize(`package of ${AGENCIES}, cold PDF cache, peak RSS`, [cold.peakMb], 'MB'),
    summarize(`package of ${AGENCIES}, warm PDF cache, total`, warm.map((w) => w.ms / 1000), 's'),
    summarize(`package of ${AGENCIES}, warm PDF cache, peak RSS`, warm.map((w) => w.peakMb), 'MB'),
    summarize(`package of ${AGENCIES}, ZIP size`, [cold.bytes / 1024 / 1024], 'MB'),
    summarize(`approval of one report (its PDF job queued in the transaction)`, [approveMs], 'ms'),
    summarize(`${rendered} final PDFs rendered ahead by the background worker, total`, [prerenderS], 's'),
    summarize(`PDF cache after, per report`, [cache.bytes / 1024 / 1024 / Math.max(1, cache.entries)], 'MB'),
    summarize(`package of ${AGENCIES} right after approval, no render possible (closed pool), total`, ahead.map((w) => w.ms / 1000), 's'),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printResults(await benchPackage());

/**
 * 「打包下载」 at a province's size (issue #25 point 4): one package of PACKAGE_REPORTS (3 500)
 * approved reports on PostgreSQL with every final PDF and DOCX kept — what a province finds once
 * the approvals' background jobs have run. Target: ≤ 60 s on two cores, RSS growth ≤ 100 MB.
 *
 * The database is a scratch one, PACKAGE_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/package_bench), dropped and created again, dropped at the
 * end unless PACKAGE_BENCH_KEEP=1. The reports are `consistentReport`s of agencies of their own
 * under 14 cities below the reviewer's 文峰区. Rendering 3 500 PDFs takes about an hour on two cores, so the kept files
 * are filled directly: PACKAGE_DISTINCT (6) reports' final PDF and DOCX are rendered, and every
 * report gets a copy of one of them under its own real key (its own document tree, the current
 * fingerprints) — the package reads and streams them exactly as it would its own, and the sizes
 * are a real report's. NIANBAO_PDF_CACHE_MB is set to 1 200 so the bound evicts nothing.
 *
 * Each run is timed with the process's RSS sampled every 25 ms (before, peak, growth), through
 * a closed PDF pool and a DOCX renderer that throws: a render on the request path would fail it.
 * Then the former path — PDF deflated at level 6, DOCX rendered per report — on a sample of
 * PACKAGE_SAMPLE (200) reports, replayed here (the former loop of lib/server/district-package.ts
 * and its summary XLSX; index, schema and README left out, a few KB), with the current path on
 * the same sample; the former figure for the whole province is extrapolated — the current total
 * plus the samples' difference times 3 500/200 — and printed as such.
 *
 * `BENCH_ONLY=package-province npm run bench` or `npx tsx bench/package-province.ts`; about
 * 5 minutes (filling the database is 2 of them).
 */
import { fileURLToPath } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { Zip, ZipDeflate } from 'fflate';
import { summarize, printResults, type BenchResult } from './stats';

const REPORTS = Number(process.env.PACKAGE_REPORTS ?? 3500);
const DISTINCT = Number(process.env.PACKAGE_DISTINCT ?? 6);
const SAMPLE = Math.min(REPORTS, Number(process.env.PACKAGE_SAMPLE ?? 200));
const RUNS = Number(process.env.PACKAGE_RUNS ?? 3);
const PG_URL = process.env.PACKAGE_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/package_bench';
const BATCH = 250;
const BRANCHES = 14;

async function admin(sql: string): Promise<void> {
  const url = new URL(PG_URL);
  url.pathname = '/postgres';
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** PACKAGE_PROFILE=file.cpuprofile: the first run's CPU profile (main thread), for where the time goes. */
async function startProfile(): Promise<(file: string) => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

export async function benchPackageProvince(): Promise<BenchResult[]> {
  process.env.NIANBAO_PDF_CACHE_MB ??= '1200';
  const { openDb } = await import('../lib/db/client');
  const { agencies, pdfCache, reports } = await import('../lib/db/schema');
  const { consistentReport } = await import('../test/support/generate');
  const { districtPackageStream, planDistrictPackage } = await import('../lib/server/district-package');
  const { closeSharedPdfPool, createPdfPool, rendererFingerprint, sharedPdfPool } = await import('../lib/render/pdf');
  const { renderDocx } = await import('../lib/render/docx');
  const { docxRendererFingerprint } = await import('../lib/render/docx/fingerprint');
  const { cachedPdf, pdfCacheKey, pdfCacheStats, treeDigest } = await import('../lib/server/pdf-cache');
  const { printedDocument, printedReport } = await import('../lib/server/printed');
  const { renderHtml } = await import('../lib/render/html');
  const { serializeReport } = await import('../lib/report/json');
  const { reviewerAt } = await import('./province');
  const { exportSummary } = await import('../lib/server/summary');

  const dbName = new URL(PG_URL).pathname.slice(1);
  await admin(`drop database if exists ${dbName} with (force)`);
  await admin(`create database ${dbName}`);
  const h = await openDb({ url: PG_URL, demo: true });
  const { db } = h;
  try {
    // The province: BRANCHES cities below the reviewer's 文峰区 (a province has 14–16, and the
    // summary at the package's end has a column per branch), REPORTS agencies below them, each
    // with its approved 2024 report.
    const tFill = performance.now();
    const [district] = await db.select().from(agencies).where(eq(agencies.name, '文峰区'));
    const branches = await db
      .insert(agencies)
      .values(Array.from({ length: BRANCHES }, (_, k) => ({ name: `第${k + 1}市`, parentId: district.id })))
      .returning({ id: agencies.id });
    for (let from = 0; from < REPORTS; from += BATCH) {
      const n = Math.min(BATCH, REPORTS - from);
      const names = Array.from({ length: n }, (_, k) => `第${((from + k) % BATCH) + 1}街道办事处（${from + k + 1}）`);
      const made = await db
        .insert(agencies)
        .values(names.map((name, k) => ({ name, parentId: branches[(from + k) % BRANCHES].id })))
        .returning({ id: agencies.id, name: agencies.name });
      await db.insert(reports).values(
        made.map((a, k) => {
          const g = consistentReport(1000 + from + k, 200, a.name, 2024);
          return { agencyId: a.id, year: 2024, edition: '2021', status: 'approved' as const, content: { ...g, meta: { ...g.meta, publishDate: '2025-01-20' } } };
        }),
      );
    }
    const user = await reviewerAt(h, '文峰区');

    // The kept files: DISTINCT rendered, copied under every report's own key.
    const pdfPrint = rendererFingerprint();
    const docxPrint = docxRendererFingerprint();
    const all = await db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.year, 2024), eq(reports.status, 'approved')))
      .orderBy(reports.id);
    const rows = (ids: string[]) =>
      db
        .select({ id: reports.id, version: reports.version, content: reports.content, edition: reports.edition, agencyName: agencies.name })
        .from(reports)
        .innerJoin(agencies, eq(agencies.id, reports.agencyId))
        .where(inArray(reports.id, ids));
    const samples: { pdf: Buffer; docx: Buffer }[] = [];
    for (const r of await rows(all.slice(0, DISTINCT).map((a) => a.id))) {
      const doc = printedDocument(r);
      samples.push({
        pdf: (await cachedPdf(db, { reportId: r.id, version: r.version, final: true, doc, owner: 'bench' }, { pool: sharedPdfPool() })).bytes,
        docx: await renderDocx(doc, { final: true }),
      });
    }
    await db.delete(pdfCache);
    for (let from = 0; from < all.length; from += BATCH / 5) {
      const batch = await rows(all.slice(from, from + BATCH / 5).map((a) => a.id));
      await db.insert(pdfCache).values(
        batch.flatMap((r, k) => {
          const doc = printedDocument(r);
          const tree = treeDigest(doc);
          const req = { reportId: r.id, version: r.version, final: true, doc };
          const s = samples[(from + k) % samples.length];
          const base = { reportId: r.id, version: r.version, final: true };
          return [
            { ...base, key: pdfCacheKey(req, pdfPrint, 'pdf', tree), format: 'pdf' as const, fingerprint: pdfPrint, bytes: s.pdf, size: s.pdf.length },
            { ...base, key: pdfCacheKey(req, docxPrint, 'docx', tree), format: 'docx' as const, fingerprint: docxPrint, bytes: s.docx, size: s.docx.length },
          ];
        }),
      );
    }
    await closeSharedPdfPool();
    const fillS = (performance.now() - tFill) / 1000;
    const kept = await pdfCacheStats(db, 'pdf');
    const keptDocx = await pdfCacheStats(db, 'docx');
    console.log(
      `package-province: ${all.length} reports, ${kept.entries} PDFs (${mb(kept.bytes / kept.entries).toFixed(3)} MB each) and ${keptDocx.entries} DOCX (${mb(keptDocx.bytes / keptDocx.entries).toFixed(3)} MB) kept; filled in ${fillS.toFixed(0)} s`,
    );

    const closedPool = createPdfPool({ size: 1 });
    await closedPool.close();
    const noRender = { pool: closedPool, renderDocx: async (): Promise<Buffer> => { throw new Error('DOCX rendered on the request path'); } };
    type Run = { s: number; planS: number; bytes: number; files: number; reports: number; before: number; peak: number };
    const measure = async (make: (pkg: Awaited<ReturnType<typeof planDistrictPackage>>) => AsyncIterable<Uint8Array> | Promise<number>, limit?: number): Promise<Run> => {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      let bytes = 0;
      let ticks = 0;
      const timer = setInterval(() => {
        const now = process.memoryUsage();
        peak = Math.max(peak, now.rss);
        // PACKAGE_TRACE=1: where in the package the memory goes, once a second.
        if (process.env.PACKAGE_TRACE && ++ticks % 40 === 0) console.log(`  ${(ticks / 40).toFixed(0)} s: ${mb(bytes).toFixed(0)} MB out, RSS ${mb(now.rss).toFixed(0)}, heap ${mb(now.heapUsed).toFixed(0)}, external ${mb(now.external).toFixed(0)}, arrayBuffers ${mb(now.arrayBuffers).toFixed(0)}`);
      }, 25);
      const t = performance.now();
      const planned = await planDistrictPackage(db, user, { year: 2024 });
      const planS = (performance.now() - t) / 1000;
      const pkg = limit ? { ...planned, reports: planned.reports.slice(0, limit) } : planned;
      const out = make(pkg);
      if (out instanceof Promise) bytes = await out;
      else for await (const chunk of out) bytes += chunk.length;
      const s = (performance.now() - t) / 1000;
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { s, planS, bytes, files: limit ? pkg.reports.length * 4 : pkg.fileCount, reports: pkg.reports.length, before, peak };
    };
    const current = (pkg: Awaited<ReturnType<typeof planDistrictPackage>>) => districtPackageStream(db, user, pkg, { pdfCache: noRender }) as unknown as AsyncIterable<Uint8Array>;

    // The former per-report work: the PDF from the table and deflated, the DOCX rendered, all at level 6.
    const former = async (pkg: Awaited<ReturnType<typeof planDistrictPackage>>) => {
      let bytes = 0;
      const zip = new Zip((err, chunk) => {
        if (err) throw err;
        bytes += chunk.length;
      });
      const add = (name: string, data: Uint8Array) => {
        const e = new ZipDeflate(name, { level: 6 });
        zip.add(e);
        e.push(data, true);
      };
      for (const p of pkg.reports) {
        const [r] = await db.select({ version: reports.version, content: reports.content, edition: reports.edition }).from(reports).where(eq(reports.id, p.id));
        const stored = { ...r, agencyName: p.agencyName };
        const doc = printedDocument(stored);
        const pdf = await cachedPdf(db, { reportId: p.id, version: r.version, final: true, doc, owner: 'bench' }, { pool: closedPool });
        add(`${p.id}.pdf`, pdf.bytes);
        add(`${p.id}.docx`, await renderDocx(doc));
        add(`${p.id}.html`, Buffer.from(renderHtml(doc, { final: true })));
        add(`${p.id}.json`, Buffer.from(serializeReport(printedReport(stored))));
      }
      // The closing summary, as the package makes it (index, schema and README are a few KB).
      const summary = await exportSummary(db, user, { year: 2024, include: 'approved' }, 'xlsx');
      add(summary.fileName, summary.bytes);
      zip.end();
      return bytes;
    };

    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const profile = i === 0 && process.env.PACKAGE_PROFILE ? await startProfile() : null;
      const r = await measure(current);
      await profile?.(process.env.PACKAGE_PROFILE!);
      runs.push(r);
      console.log(
        `package-province run ${i + 1}: ${r.s.toFixed(1)} s, ${mb(r.bytes).toFixed(0)} MB, ${r.files} files, ${(r.reports / r.s).toFixed(0)} reports/s, RSS ${mb(r.before).toFixed(0)} → peak ${mb(r.peak).toFixed(0)} MB (+${mb(r.peak - r.before).toFixed(0)})`,
      );
    }
    const sampleNow: Run[] = [];
    const sampleFormer: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      sampleNow.push(await measure(current, SAMPLE));
      sampleFormer.push(await measure(former, SAMPLE));
      console.log(`package-province sample of ${SAMPLE}, run ${i + 1}: now ${sampleNow[i].s.toFixed(2)} s, former path ${sampleFormer[i].s.toFixed(2)} s`);
    }
    const n = runs[0].reports;
    if (n !== REPORTS) throw new Error(`expected ${REPORTS} reports, packaged ${n}`);
    return [
      summarize(`package of ${n} on PostgreSQL, files kept, total`, runs.map((r) => r.s), 's', '≤ 60 s'),
      summarize(`  reports per second`, runs.map((r) => r.reports / r.s), '/s'),
      summarize(`  ZIP size (${runs[0].files} files)`, runs.map((r) => mb(r.bytes)), 'MB'),
      summarize(`  RSS before`, runs.map((r) => mb(r.before)), 'MB'),
      summarize(`  RSS peak`, runs.map((r) => mb(r.peak)), 'MB'),
      summarize(`  RSS growth`, runs.map((r) => mb(r.peak - r.before)), 'MB', '≤ 100 MB'),
      summarize(`sample of ${SAMPLE}, now`, sampleNow.map((r) => r.s), 's'),
      summarize(`sample of ${SAMPLE}, former path (PDF deflated, DOCX rendered)`, sampleFormer.map((r) => r.s), 's'),
      summarize(`  planning the package (in the totals)`, runs.map((r) => r.planS), 's'),
      // Both samples plan the whole package and write its summary: their difference is the reports' own.
      summarize(`former path extrapolated to ${n} (this total + sample difference × ${n}/${SAMPLE})`, sampleFormer.map((r, i) => runs[i].s + ((r.s - sampleNow[i].s) * n) / SAMPLE), 's'),
      summarize(`former path ZIP size extrapolated to ${n}`, sampleFormer.map((r) => (mb(r.bytes) / SAMPLE) * n), 'MB'),
    ];
  } finally {
    await h.close();
    if (process.env.PACKAGE_BENCH_KEEP !== '1') await admin(`drop database if exists ${dbName} with (force)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printResults(await benchPackageProvince());

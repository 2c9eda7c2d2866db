/** `npm run bench`: prints medians and p95 of every benchmark, with its target, and ratios. */
import { benchChecks } from './checks';
import { benchRender } from './render';
import { benchBrowser } from './browser';
import { benchImport } from './import';
import { benchInstances, benchLoad } from './load';
import { benchBodies } from './bodies';
import { benchPdfServing } from './pdf-serving';
import { benchPublish } from './publish';
import { benchPackage } from './package';
import { benchPackageProvince } from './package-province';
import { benchTransfer } from './transfer';
import { benchInsight, benchInsightPdf, benchInsightProvince, benchInsightService } from './insight';
import { benchSummary } from './summary';
import { benchReviewList } from './review-list';
import { benchProvincePages } from './province-pages';
import { printResults, type BenchResult } from './stats';

const all: BenchResult[] = [];
const show = (rs: BenchResult[]) => {
  printResults(rs);
  all.push(...rs);
};

/**
 * Every benchmark by name, in the order they run. `BENCH_ONLY=publish,package` runs only those
 * (a figure for one issue need not wait for the rest); `BENCH_SKIP_LOAD=1` skips the heavy ones,
 * which need PostgreSQL (LOAD_PG_URL, default 127.0.0.1:5432) and take minutes.
 */
const BENCHES: { name: string; run: () => Promise<BenchResult[]> | BenchResult[]; heavy?: true }[] = [
  { name: 'checks', run: () => [benchChecks()] },
  // Indicators, risk flags and charts for a district of 60 units (in memory, then through the service on PGlite).
  { name: 'insight', run: async () => [...benchInsight(), ...(await benchInsightService())] },
  // 「下载 PDF」 of the insight for 60 units in a warm PDF worker (ECharts drawing included).
  { name: 'insight-pdf', run: benchInsightPdf },
  { name: 'render', run: benchRender },
  { name: 'import', run: benchImport },
  { name: 'publish', run: benchPublish },
  { name: 'package', run: benchPackage },
  { name: 'browser', run: benchBrowser },
  // After the browser benchmarks, which build the app.
  { name: 'pdf-serving', run: benchPdfServing, heavy: true },
  { name: 'bodies', run: benchBodies },
  // The province summary at 500/5 000/20 000 reports: PostgreSQL (SUMMARY_PG_URL or LOAD_PG_URL) when it answers, and PGlite; about 8 minutes.
  { name: 'summary', run: benchSummary, heavy: true },
  // The insight at the province top and for a district of 60, with 500 and 5 000 reports a year, in the database and by the former in-memory path, on PostgreSQL (SUMMARY_PG_URL or LOAD_PG_URL) when it answers, and PGlite: about 4 minutes.
  { name: 'insight-province', run: benchInsightProvince, heavy: true },
  // 辖区报告 at the province top (5 028 units): first page, a search, one city paged; PostgreSQL and PGlite, about a minute.
  { name: 'review-list', run: benchReviewList, heavy: true },
  // The province's pages over HTTP (辖区报告, 辖区分析 top and one city down, its PDF): first and last byte, bytes, settled; PostgreSQL, about 3 minutes.
  { name: 'province-pages', run: benchProvincePages, heavy: true },
  // 打包下载 of a province: 3 500 approved reports with their PDF and DOCX kept, on PostgreSQL (PACKAGE_PG_URL, a scratch database package_bench), 3 runs and the former path on a sample: about 5 minutes.
  { name: 'package-province', run: benchPackageProvince, heavy: true },
  // Export → import of a province-sized installation, PGlite → PostgreSQL (LOAD_PG_URL) → PGlite.
  { name: 'transfer', run: benchTransfer, heavy: true },
  { name: 'load', run: () => benchLoad(), heavy: true },
  // Two app instances on one PostgreSQL at 50, 200 and 500 filers, then 200 with reviewers back to back: about six minutes.
  { name: 'instances', run: benchInstances, heavy: true },
];
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((n) => !BENCHES.some((b) => b.name === n)) ?? [];
if (unknown.length) {
  console.error(`BENCH_ONLY: 没有名为 ${unknown.join('、')} 的基准；可选：${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
for (const b of BENCHES) {
  if (only && !only.includes(b.name)) continue;
  if (b.heavy && process.env.BENCH_SKIP_LOAD === '1') {
    console.log(`${b.name} skipped (BENCH_SKIP_LOAD=1)`);
    continue;
  }
  show(await b.run());
}

// Our warm PDF render against what a clerk would otherwise use, measured in this same run.
const median = (prefix: string) => all.find((r) => r.name.startsWith(prefix))?.median;
const ours = median('PDF render, warm worker');
const cached = median('PDF of a version already rendered');
const firstOfVersion = median('first PDF of a new version');
const renderOnly = median('same report, warm worker render only');
const plainFinal = median('PDF final, plain (no PDF/A, no tags), warm');
const archivalFinal = median('PDF final, PDF/A-2b tagged, warm');
if (plainFinal && archivalFinal) console.log(`ratio: PDF/A-2b tagged final / plain final (warm, medians) = ${(archivalFinal / plainFinal).toFixed(3)} (issue 27: ≤ 1.15)`);
if (cached && renderOnly) console.log(`ratio: cached PDF / warm render of the same report = ${(cached / renderOnly).toFixed(3)}`);
if (firstOfVersion && renderOnly) console.log(`ratio: first PDF of a new version (HTTP) / warm render only = ${(firstOfVersion / renderOnly).toFixed(2)}`);
for (const [name, prefix] of [
  ['LibreOffice converting our DOCX (fresh process)', 'LibreOffice DOCX → PDF, fresh'],
  ['LibreOffice converting our DOCX (warm listener)', 'LibreOffice DOCX → PDF, warm'],
  ['Chromium printing our preview (warm browser)', 'alternative: Chromium page.pdf()'],
] as const) {
  const theirs = median(prefix);
  if (ours && theirs) console.log(`ratio: our warm PDF / ${name} = ${(ours / theirs).toFixed(2)}`);
}

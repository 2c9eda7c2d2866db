/** `npm run bench`: prints medians and p95 of every benchmark, with its target, and ratios. */
import { benchChecks } from './checks';
import { benchRender } from './render';
import { benchBrowser } from './browser';
import { benchImport } from './import';
import { benchLoad } from './load';
import { benchBodies } from './bodies';
import { benchPdfServing } from './pdf-serving';
import { benchPublish } from './publish';
import { benchPackage } from './package';
import { benchSummary } from './summary';
import { printResults, type BenchResult } from './stats';

const all: BenchResult[] = [];
const show = (rs: BenchResult[]) => {
  printResults(rs);
  all.push(...rs);
};
show([benchChecks()]);
show(await benchRender());
show(await benchImport());
show(await benchPublish());
show(await benchPackage());
show(await benchBrowser());
// After the browser benchmarks, which build the app; needs PostgreSQL (LOAD_PG_URL) like the load test.
if (process.env.BENCH_SKIP_LOAD === '1') console.log('PDF serving benchmark skipped (BENCH_SKIP_LOAD=1)');
else show(await benchPdfServing());
show(await benchBodies());
// The province summary: PostgreSQL (SUMMARY_PG_URL or LOAD_PG_URL, default 127.0.0.1:5432) when it answers, and PGlite.
show(await benchSummary());
// The load test needs a PostgreSQL server (LOAD_PG_URL, default 127.0.0.1:5432) and takes a minute.
if (process.env.BENCH_SKIP_LOAD === '1') console.log('load test skipped (BENCH_SKIP_LOAD=1)');
else show(await benchLoad());

// Our warm PDF render against what a clerk would otherwise use, measured in this same run.
const median = (prefix: string) => all.find((r) => r.name.startsWith(prefix))?.median;
const ours = median('PDF render, warm worker');
const cached = median('PDF of a version already rendered');
const firstOfVersion = median('first PDF of a new version');
const renderOnly = median('same report, warm worker render only');
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

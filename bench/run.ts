/** `npm run bench`: prints medians and p95 of every benchmark, with its target. */
import { benchChecks } from './checks';
import { benchBrowser } from './browser';
import { printResults, type BenchResult } from './stats';

const results: BenchResult[] = [];
const checks = await benchChecks();
results.push({ name: 'runChecks on a full report', runs: checks.runs, median: checks.median_ms, p95: checks.p95_ms, unit: 'ms', target: '≤ 1 ms' });
printResults(results);
const browser = await benchBrowser();
printResults(browser);

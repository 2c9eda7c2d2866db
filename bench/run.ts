/** `npm run bench`: prints medians and p95 of every benchmark, with its target. */
import { benchChecks } from './checks';
import { benchBrowser } from './browser';
import { printResults } from './stats';

printResults([benchChecks()]);
printResults(await benchBrowser());

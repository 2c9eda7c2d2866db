/**
 * runChecks on a full report (every cell filled, every part written, one broken column so the
 * rules have something to say), as it runs on every keystroke in the editor.
 */
import { performance } from 'node:perf_hooks';
import { runChecks } from '../lib/checks';
import { blankReport, setCell } from '../lib/report';
import { currentTemplate as template } from '../lib/template/registry';
import { tableCells } from '../lib/template/walk';
import type { Report } from '../lib/report/types';
import { summarize, type BenchResult } from './stats';

export function fullReport(): Report {
  let r = blankReport(template, { agencyName: '文峰区紫薇大道街道办事处', year: 2024 });
  r = { ...r, meta: { ...r.meta, totals: 'asPrinted' } };
  for (const key of ['table2', 'table3', 'table4'] as const) {
    for (const c of tableCells(template, key)) r = setCell(r, c, c.valueType === 'amount' ? '12.5' : 3);
  }
  for (const s of template.sections) for (const p of s.parts) r.text[s.key][p.key] = `本年度收到政府信息公开申请 21 件。${'工作有序推进。'.repeat(60)}`;
  return r;
}

export function benchChecks(runs = 2000): BenchResult {
  const report = fullReport();
  for (let i = 0; i < 200; i++) runChecks(template, report); // warm the JIT
  const samples: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    findings = runChecks(template, report).length;
    samples.push(performance.now() - t0);
  }
  return summarize(`runChecks, full report (${findings} findings)`, samples, 'ms', '≤ 1 ms');
}

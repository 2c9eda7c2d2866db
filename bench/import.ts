/**
 * Import benchmarks: warm import time (sniff + read + parse) of one seed-based report as text,
 * as our PDF and as our DOCX, and of a report with large non-zero tables as PDF. Medians of ≥ 5
 * after two warm-up runs (pdfjs loads its worker code on first use). Target: ≤ 200 ms for a
 * typical PDF report, warm.
 *
 * Run alone: `npx tsx bench/import.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize, printResults, type BenchResult } from './stats';

const RUNS = 9;
const WARMUP = 2;

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

export async function benchImport(): Promise<BenchResult[]> {
  const { template2021 } = await import('../templates/2021');
  const { buildDocument } = await import('../lib/document/build');
  const { renderPdfInProcess } = await import('../lib/render/pdf/render-in-process');
  const { renderDocx } = await import('../lib/render/docx');
  const { importFile } = await import('../lib/import/import-file');
  const { loadSeedFixtures } = await import('../test/fixtures/load');
  const { consistentReport } = await import('../test/support/generate');

  const seed = loadSeedFixtures().find((s) => s.name.startsWith('003'))!;
  const doc = buildDocument(template2021, seed.report);
  const text = new TextEncoder().encode(seed.text);
  const pdf = new Uint8Array(await renderPdfInProcess(doc, { final: true }));
  const docx = new Uint8Array(await renderDocx(doc));
  const bigPdf = new Uint8Array(await renderPdfInProcess(buildDocument(template2021, consistentReport(1, 5000)), { final: false }));

  // The real WPS-made PDF (test/fixtures/real): cells exact against the hand-typed tables.
  const { readFileSync } = await import('node:fs');
  const { tablesCommand } = await import('../cli/tables');
  const realDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/real');
  const realPdf = new Uint8Array(readFileSync(path.join(realDir, 'hongze-qu-2023-wps.pdf')));
  const expected = readFileSync(path.join(realDir, 'hongze-qu-2023-wps.expected.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  const real = await importFile(realPdf, 'r.pdf');
  const got = new Map(tablesCommand(real.report).trim().split('\n').map((l) => { const p = l.split('\t'); return [p.slice(0, 3).join('\t'), p[3]] as const; }));
  // What stays marked in the draft (meta.toConfirm): the cells a clerk is asked to check.
  const toConfirm = Object.keys(real.report.meta.toConfirm ?? {}).length;
  const exact = expected.filter((p) => got.get(p.slice(0, 3).join('\t')) === p[3]).length;
  console.log(`real WPS PDF: ${exact}/${expected.length} cells exact (target 200/200, 0 silently wrong); cells left to confirm: ${toConfirm}`);

  return [
    { name: 'real WPS PDF: cells exact of 200', runs: 1, median: exact, p95: exact, unit: 'cells', target: '200' },
    summarize('import PDF (real WPS PDF, warm)', await time(() => importFile(realPdf, 'r.pdf')), 'ms'),
    summarize('import text (seed 003, warm)', await time(() => importFile(text, 'r.txt')), 'ms'),
    summarize('import PDF (seed 003 via our PDF, six pages, warm)', await time(() => importFile(pdf, 'r.pdf')), 'ms', '≤ 150 ms'),
    summarize('import PDF (large non-zero tables, warm)', await time(() => importFile(bigPdf, 'r.pdf')), 'ms', '≤ 150 ms'),
    summarize('import DOCX (seed 003 via our DOCX, warm)', await time(() => importFile(docx, 'r.docx')), 'ms'),
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  printResults(await benchImport());
}

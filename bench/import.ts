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

  return [
    summarize('import text (seed 003, warm)', await time(() => importFile(text, 'r.txt')), 'ms'),
    summarize('import PDF (seed 003 via our PDF, warm)', await time(() => importFile(pdf, 'r.pdf')), 'ms', '≤ 200 ms'),
    summarize('import PDF (large non-zero tables, warm)', await time(() => importFile(bigPdf, 'r.pdf')), 'ms', '≤ 200 ms'),
    summarize('import DOCX (seed 003 via our DOCX, warm)', await time(() => importFile(docx, 'r.docx')), 'ms'),
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  printResults(await benchImport());
}

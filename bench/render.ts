/**
 * Rendering benchmarks: PDF warm (pool up) and cold (fresh process), peak RSS, PDF size, DOCX
 * build, and LibreOffice converting our DOCX, fresh and warm (the spike's baseline, design §4.6).
 * Medians of ≥ 5.
 *
 * Run alone: `npx tsx bench/render.ts`. With `--cold-child` it is the fresh process that the
 * cold measurement spawns: it renders once and prints JSON.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { summarize, printResults, type BenchResult } from './stats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

/** The report measured: seed 003 (a six-page street-office report) when the fixtures exist. */
async function benchDocument() {
  const { template2021 } = await import('../templates/2021');
  const { buildDocument } = await import('../lib/document/build');
  const loader = path.join(root, 'test/fixtures/load.ts');
  let report;
  if (existsSync(loader)) {
    const { loadSeedFixtures } = (await import(loader)) as typeof import('../test/fixtures/load');
    report = loadSeedFixtures().find((s) => s.name.startsWith('003'))?.report;
  }
  if (!report) {
    const { sampleReport } = await import('../test/support/sample-report');
    report = sampleReport(template2021);
  }
  return buildDocument(template2021, report);
}

async function coldChild() {
  const start = performance.now();
  const doc = await benchDocument();
  const { renderPdfInProcess } = await import('../lib/render/pdf/render-in-process');
  const t = performance.now();
  const pdf = await renderPdfInProcess(doc, { final: false });
  const end = performance.now();
  process.stdout.write(
    JSON.stringify({
      renderMs: end - t,
      sinceImportMs: end - start,
      sinceProcessStartMs: end,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      bytes: pdf.length,
    }),
  );
}

async function median(times: number, f: () => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out;
}

export async function benchRender(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const doc = await benchDocument();
  const { createPdfPool } = await import('../lib/render/pdf/pool');
  const { renderDocx } = await import('../lib/render/docx/render-docx');
  const { convertDocxWithLibreOffice, startLibreOfficeListener } = await import('../lib/render/docx/libreoffice');
  const { findSoffice } = await import('../lib/soffice');

  // Warm: the pool's worker has rendered before (fonts parsed, code hot).
  const pool = createPdfPool({ size: 1 });
  try {
    await pool.warm(doc);
    for (let i = 0; i < 3; i++) await pool.render(doc, { final: false });
    let size = 0;
    // 25 renders (~3 s): a shared machine has noisy seconds, and 9 samples let one of them move the median.
    const warm = await median(25, async () => {
      size = (await pool.render(doc, { final: false })).length;
    });
    results.push(summarize('PDF render, warm worker (six-page report)', warm, 'ms', '≤ 150 ms'));
    // The final copy as it is made (PDF/A-2b, tagged) against a plain final copy (no PDF/A, no
    // tags: the render before issue 27), alternated so that a noisy second hits both alike.
    const plainFinal: number[] = [];
    const archivalFinal: number[] = [];
    for (let i = 0; i < 25; i++) {
      plainFinal.push(...(await median(1, async () => void (await pool.render(doc, { final: true, conformance: null })))));
      archivalFinal.push(...(await median(1, async () => void (await pool.render(doc, { final: true })))));
    }
    results.push(summarize('PDF final, plain (no PDF/A, no tags), warm', plainFinal, 'ms'));
    results.push(summarize('PDF final, PDF/A-2b tagged, warm', archivalFinal, 'ms', '≤ 1.15 × plain'));
    results.push(summarize('PDF file size', [size / 1024], 'KB', '≤ 300 KB'));
  } finally {
    await pool.close();
  }

  // Cold: a fresh Node process that imports, registers fonts and renders once.
  const cold: { renderMs: number; sinceImportMs: number; sinceProcessStartMs: number; maxRssMb: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--cold-child'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 1 << 20,
    });
    cold.push(JSON.parse(stdout) as (typeof cold)[number]);
  }
  results.push(summarize('PDF render, cold (first render, fonts parsed)', cold.map((c) => c.renderMs), 'ms', '≤ 1500 ms'));
  results.push(summarize('PDF cold, imports + first render', cold.map((c) => c.sinceImportMs), 'ms'));
  results.push(summarize('PDF cold, fresh process start to PDF', cold.map((c) => c.sinceProcessStartMs), 'ms'));
  results.push(summarize('PDF cold, peak RSS', cold.map((c) => c.maxRssMb), 'MB', '≤ 300 MB'));

  for (let i = 0; i < 5; i++) await renderDocx(doc);
  const docx = await median(15, async () => {
    await renderDocx(doc);
  });
  results.push(summarize('DOCX build, warm', docx, 'ms', '≤ 50 ms'));

  if (findSoffice()) {
    const buf = await renderDocx(doc);
    const lo = await median(5, async () => {
      await convertDocxWithLibreOffice(buf);
    });
    results.push(summarize('LibreOffice DOCX → PDF, fresh soffice', lo, 'ms', 'baseline'));

    // Warm: one soffice kept running, as a server would, so only the conversion is measured.
    const listener = await startLibreOfficeListener();
    if (listener) {
      try {
        await listener.convert(buf);
        // 25 renders (~3 s): a shared machine has noisy seconds, and 9 samples let one of them move the median.
    const warm = await median(25, async () => {
          await listener.convert(buf);
        });
        results.push(summarize('LibreOffice DOCX → PDF, warm listener', warm, 'ms', 'baseline'));
      } finally {
        await listener.close();
      }
    }
  }
  return results;
}

if (process.argv.includes('--cold-child')) await coldChild();
else if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) printResults(await benchRender());

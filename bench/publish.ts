/**
 * Publication benchmarks: the publication page (document tree + HTML, warm) and its size
 * plain and gzipped. Run alone: `npx tsx bench/publish.ts`.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { loadSeedFixtures } from '../test/fixtures/load';
import { summarize, printResults, type BenchResult } from './stats';

export async function benchPublish(): Promise<BenchResult[]> {
  const { template2021 } = await import('../templates/2021');
  const { buildDocument } = await import('../lib/document/build');
  const { renderHtml } = await import('../lib/render/html');
  // Seed 003: a six-page street-office report, as in the PDF benchmarks.
  const report = loadSeedFixtures().find((s) => s.name.startsWith('003'))!.report;
  const page = () => renderHtml(buildDocument(template2021, report), { final: true });
  for (let i = 0; i < 20; i++) page();
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    page();
    samples.push(performance.now() - t);
  }
  const html = Buffer.from(page(), 'utf8');
  const gz = gzipSync(html, { level: 9 });
  return [
    summarize('publication HTML (tree + page), warm', samples, 'ms', '≤ 20 ms'),
    summarize('publication HTML size', [html.length / 1024], 'KB'),
    summarize('publication HTML size, gzip -9', [gz.length / 1024], 'KB'),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printResults(await benchPublish());

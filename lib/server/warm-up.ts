/**
 * What a production server does once, in the background, as it starts: open the database
 * (migrations checked) and start every PDF worker, each rendering a filled report a few times at
 * the workers' low priority, so fonts are parsed, glyph caches filled and the renderer's code
 * compiled before anyone asks.
 *
 * Without it the first seconds after a start paid for all of that under load. In bench/load.ts
 * (two instances, 200 filers autosaving every 3 s, 10 reviewers reading pages and PDFs) the
 * first PDFs took 3–12 s, and autosaves of those seconds had a p50 up to 1 s — while from the
 * 20th second on their p95 stayed near 100 ms. Only a worker's own thread is niced: V8 compiles
 * hot code and collects garbage on helper threads at normal priority, so a cold renderer takes
 * CPU from the requests. Warming with a blank report fixed the workers' start but not that;
 * with a filled one the minute's autosave p95 was 76 ms and the PDF p95 0.8 s.
 */
import { buildDocument } from '../document';
import { getDb } from '../db/client';
import { logError } from '../log';
import { consistentReport } from '../report/generate';
import { sharedPdfPool, type PdfPool } from '../render/pdf';
import { template2021 } from '../../templates/2021';

/** Renders per worker: V8 compiles a function fully only after it has run a while. */
const WARM_ROUNDS = 3;

export type WarmUpParts = { openDb: () => Promise<unknown>; pool: () => PdfPool };

export async function warmUp(parts: WarmUpParts = { openDb: getDb, pool: sharedPdfPool }): Promise<void> {
  const started = performance.now();
  try {
    await parts.openDb();
    // A filled report, not a blank one: the first renders of tables full of numbers and of body
    // text compile most of the renderer's code and fill the font caches.
    const doc = buildDocument(template2021, consistentReport(1, 500, '预热街道办事处', new Date().getFullYear() - 1));
    const pool = parts.pool();
    for (let round = 0; round < WARM_ROUNDS; round++) await pool.warm(doc);
    console.log(`nianbao: warmed up in ${((performance.now() - started) / 1000).toFixed(1)} s (${pool.workers()} PDF workers)`);
  } catch (e) {
    // Nothing is lost: the first request opens the database and starts a worker as before.
    logError('warm-up', e);
  }
}

/**
 * A PDF render worker: receives jobs (a report's document tree, the district insight), answers
 * with PDF bytes. Fonts are registered
 * on the first job and stay parsed in this thread for every later render.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { env } from '../../env';
import { renderJobInProcess, type PdfJob } from './render-in-process';

export type WorkerRequest = { id: number; job: PdfJob };
export type WorkerResponse = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; error: string };

if (!parentPort) throw new Error('lib/render/pdf/worker.ts must run in a worker thread');
const port = parentPort;

/**
 * A render is seconds of pure CPU; on a small server it competed as an equal with the thread
 * that answers requests, and autosaves waited behind it (bench/load.ts). Linux keeps a nice
 * value per thread: this worker's own thread (/proc/thread-self names its id) is lowered, so
 * requests get the CPU first and renders take what is left — all of it when the server is idle.
 * Elsewhere (or without permission) renders keep the normal priority.
 */
function yieldToRequests(nice: number): void {
  if (nice <= 0 || process.platform !== 'linux') return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice);
  } catch {
    /* keep the normal priority */
  }
}
yieldToRequests(env().pdfNice);

port.on('message', async (req: WorkerRequest) => {
  try {
    const buf = await renderJobInProcess(req.job);
    const pdf = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    port.postMessage({ id: req.id, ok: true, pdf } satisfies WorkerResponse, [pdf.buffer as ArrayBuffer]);
  } catch (e) {
    port.postMessage({ id: req.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerResponse);
  }
});

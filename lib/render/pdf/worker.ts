/**
 * A PDF render worker: receives document trees, answers with PDF bytes. Fonts are registered
 * on the first job and stay parsed in this thread for every later render.
 */
import { parentPort } from 'node:worker_threads';
import type { DocumentTree } from '../../document/types';
import { renderPdfInProcess, type RenderPdfOptions } from './render-in-process';

export type WorkerRequest = { id: number; doc: DocumentTree; opts: RenderPdfOptions };
export type WorkerResponse = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; error: string };

if (!parentPort) throw new Error('lib/render/pdf/worker.ts must run in a worker thread');
const port = parentPort;

port.on('message', async (req: WorkerRequest) => {
  try {
    const buf = await renderPdfInProcess(req.doc, req.opts);
    const pdf = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    port.postMessage({ id: req.id, ok: true, pdf } satisfies WorkerResponse, [pdf.buffer as ArrayBuffer]);
  } catch (e) {
    port.postMessage({ id: req.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerResponse);
  }
});

/**
 * A small pool of worker threads that render PDFs, so the server stays responsive while
 * several reports render (a render is ~0.1–0.5 s of CPU). Size defaults to min(2, cores).
 */
import { appRoot } from '../../app-root';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentTree } from '../../document/types';
import type { RenderPdfOptions } from './render-in-process';
import type { WorkerRequest, WorkerResponse } from './worker';

const YOUNG_GENERATION_MB = 96;

export type PdfPoolOptions = {
  size?: number;
  /** The worker's JavaScript entry; defaults to lib/render/pdf/worker-entry.mjs under the app root. */
  workerEntry?: string;
};

type Job = { req: WorkerRequest; resolve: (b: Buffer) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; job: Job | null };

export type PdfPool = {
  readonly size: number;
  render(doc: DocumentTree, opts: RenderPdfOptions): Promise<Buffer>;
  /** Starts every worker and has each render `doc` once, so fonts are parsed before the first real job. */
  warm(doc: DocumentTree): Promise<void>;
  close(): Promise<void>;
};

export function createPdfPool(opts: PdfPoolOptions = {}): PdfPool {
  const size = Math.max(1, opts.size ?? Math.min(2, availableParallelism()));
  const entry = opts.workerEntry ?? path.join(appRoot(), 'lib/render/pdf/worker-entry.mjs');
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    // Reflect.construct, not `new Worker(entry)`: Next's bundler treats a `new Worker(path)` as a
    // worker to bundle and drags every file of this folder (tests, fonts) into the server build.
    // The worker is plain Node at run time and needs no bundling.
    // A render allocates a great many short-lived layout objects; with V8's default young
    // generation many survive a scavenge and are copied to the old generation. Measured on
    // seed 003 (31 warm renders, three runs each): 16 MB → median 141–176 ms, 96 MB → 124–145 ms.
    const worker: Worker = Reflect.construct(Worker, [entry, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }]);
    const slot: Slot = { worker, job: null };
    worker.on('message', (res: WorkerResponse) => {
      const job = slot.job;
      slot.job = null;
      if (job) {
        if (res.ok) job.resolve(Buffer.from(res.pdf.buffer, res.pdf.byteOffset, res.pdf.byteLength));
        else job.reject(new Error(`PDF render failed: ${res.error}`));
      }
      pump();
    });
    const fail = (err: Error) => {
      // A crashed worker fails its job only; a fresh one takes its place for the queue.
      const job = slot.job;
      slot.job = null;
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      job?.reject(err);
      if (!closed) pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!closed) fail(new Error(`PDF worker exited with code ${code}`));
    });
    slots.push(slot);
    return slot;
  };

  const pump = () => {
    while (queue.length) {
      let slot = slots.find((s) => !s.job);
      if (!slot && slots.length < size) slot = spawn();
      if (!slot) return;
      const job = queue.shift()!;
      slot.job = job;
      slot.worker.postMessage(job.req);
    }
  };

  const render = (doc: DocumentTree, ropts: RenderPdfOptions) =>
    new Promise<Buffer>((resolve, reject) => {
      if (closed) return reject(new Error('PDF pool is closed'));
      queue.push({ req: { id: nextId++, doc, opts: ropts }, resolve, reject });
      pump();
    });

  return {
    size,
    render,
    async warm(doc) {
      while (slots.length < size) spawn();
      await Promise.all(slots.map(() => render(doc, { final: true })));
    },
    async close() {
      closed = true;
      for (const j of queue.splice(0)) j.reject(new Error('PDF pool is closed'));
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}

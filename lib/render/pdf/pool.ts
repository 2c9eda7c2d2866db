/**
 * A small pool of worker threads that render PDFs, so the server stays responsive while
 * several reports render (a render is ~0.1–0.5 s of CPU). The app's pool (./index.ts) has
 * NIANBAO_PDF_WORKERS threads, else one fewer than the cores; without a size, min(2, cores).
 *
 * Jobs wait in one queue per owner (a user, a preview link) and a free worker takes the next
 * job of the owner with the fewest renders running, round-robin among equals: one user asking
 * for many PDFs at once cannot push another user's PDF behind all of theirs. One owner runs at
 * most `size − 1` renders at once (1 in a pool of one or two): a worker stays free for the
 * next owner, whose PDF then starts at once instead of waiting for a long render of someone
 * else's to end. `pending(owner)` lets the caller limit what one owner may have in the pool at
 * once (lib/server/pdf-cache.ts).
 */
import { appRoot } from '../../app-root';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentTree } from '../../document/types';
import type { PdfJob, RenderPdfOptions } from './render-in-process';
import type { WorkerRequest, WorkerResponse } from './worker';

const YOUNG_GENERATION_MB = 96;

export type PdfPoolOptions = {
  size?: number;
  /** Renders one owner may run at once; default size − 1, at least 1. */
  maxRunningPerOwner?: number;
  /** The worker's JavaScript entry; defaults to lib/render/pdf/worker-entry.mjs under the app root. */
  workerEntry?: string;
};

type Job = { req: WorkerRequest; owner: string; started: number; resolve: (b: Buffer) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; job: Job | null };

/** Who a render is for, when the caller does not say: all such jobs share one queue. */
export const ANONYMOUS_OWNER = '';

export type PdfPool = {
  readonly size: number;
  render(doc: DocumentTree, opts: RenderPdfOptions, owner?: string): Promise<Buffer>;
  /** Any job a worker knows (a report, the district insight), in the same queues. */
  run(job: PdfJob, owner?: string): Promise<Buffer>;
  /** Jobs of `owner` queued or rendering now. */
  pending(owner: string): number;
  /** Jobs of `owner` rendering now. */
  running(owner: string): number;
  /** Recent render time in ms (moving average; 0 before the first render), for Retry-After. */
  averageRenderMs(): number;
  /** Worker threads started (up to `size`: a pool starts them as jobs come, or all in `warm`). */
  workers(): number;
  /** Starts every worker and has each render `doc` once, so fonts are parsed before the first real job. */
  warm(doc: DocumentTree): Promise<void>;
  close(): Promise<void>;
};

export function createPdfPool(opts: PdfPoolOptions = {}): PdfPool {
  const size = Math.max(1, opts.size ?? Math.min(2, availableParallelism()));
  const maxRunning = Math.max(1, opts.maxRunningPerOwner ?? size - 1);
  const entry = opts.workerEntry ?? path.join(appRoot(), 'lib/render/pdf/worker-entry.mjs');
  const slots: Slot[] = [];
  /** Waiting jobs per owner. */
  const queues = new Map<string, Job[]>();
  const inFlight = new Map<string, number>();
  const running = new Map<string, number>();
  /** When each owner last had a job started (a tick), while it has jobs in the pool. */
  const lastServed = new Map<string, number>();
  let tick = 0;
  let averageMs = 0;
  let nextId = 1;

  const count = (owner: string, delta: number) => {
    const n = (inFlight.get(owner) ?? 0) + delta;
    if (n > 0) inFlight.set(owner, n);
    else {
      inFlight.delete(owner);
      lastServed.delete(owner);
    }
  };
  /**
   * The next job: from the owner with the fewest renders running now, ties going to the owner
   * served longest ago (or never); none from an owner already running `maxRunning`.
   */
  const takeNext = (): Job | undefined => {
    let best: string | undefined;
    let bestRank: [number, number] = [Infinity, Infinity];
    for (const [owner, jobs] of queues) {
      if ((running.get(owner) ?? 0) >= maxRunning) continue;
      const rank: [number, number] = [(inFlight.get(owner) ?? 0) - jobs.length, lastServed.get(owner) ?? 0];
      if (rank[0] < bestRank[0] || (rank[0] === bestRank[0] && rank[1] < bestRank[1])) [best, bestRank] = [owner, rank];
    }
    if (best === undefined) return undefined;
    const jobs = queues.get(best)!;
    const job = jobs.shift();
    if (!jobs.length) queues.delete(best);
    lastServed.set(best, ++tick);
    return job;
  };
  const settle = (job: Job) => {
    count(job.owner, -1);
    const r = (running.get(job.owner) ?? 1) - 1;
    if (r > 0) running.set(job.owner, r);
    else running.delete(job.owner);
    const ms = performance.now() - job.started;
    averageMs = averageMs ? averageMs * 0.8 + ms * 0.2 : ms;
  };
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
        settle(job);
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
      if (job) settle(job);
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
    while (queues.size) {
      let slot = slots.find((s) => !s.job);
      if (!slot && slots.length < size) slot = spawn();
      if (!slot) return;
      const job = takeNext();
      if (!job) return;
      job.started = performance.now();
      running.set(job.owner, (running.get(job.owner) ?? 0) + 1);
      slot.job = job;
      slot.worker.postMessage(job.req);
    }
  };

  const run = (pdfJob: PdfJob, owner = ANONYMOUS_OWNER) =>
    new Promise<Buffer>((resolve, reject) => {
      if (closed) return reject(new Error('PDF pool is closed'));
      const job: Job = { req: { id: nextId++, job: pdfJob }, owner, started: 0, resolve, reject };
      const jobs = queues.get(owner);
      if (jobs) jobs.push(job);
      else queues.set(owner, [job]);
      count(owner, 1);
      pump();
    });
  const render = (doc: DocumentTree, ropts: RenderPdfOptions, owner = ANONYMOUS_OWNER) => run({ kind: 'report', doc, opts: ropts }, owner);

  return {
    size,
    render,
    run,
    pending: (owner) => inFlight.get(owner) ?? 0,
    running: (owner) => running.get(owner) ?? 0,
    averageRenderMs: () => averageMs,
    workers: () => slots.length,
    async warm(doc) {
      while (slots.length < size) spawn();
      // One owner per worker: a single owner would run only maxRunning of them at once.
      await Promise.all(slots.map((_, i) => render(doc, { final: true }, `warm:${i}`)));
    },
    async close() {
      closed = true;
      for (const jobs of queues.values()) for (const j of jobs) j.reject(new Error('PDF pool is closed'));
      queues.clear();
      inFlight.clear();
      running.clear();
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}

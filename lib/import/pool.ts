/**
 * Every upload is parsed in a worker thread (tinypool), never on the server's event loop: a
 * hostile file (a 29 MB document.xml of tiny paragraphs, 2 MB of text) costs seconds of CPU,
 * which on the main thread would stall every other request. Per parse:
 * - a hard deadline: when it passes, the task's worker is terminated (tinypool's AbortSignal),
 *   so a parse that never yields still ends;
 * - bounded concurrency: `NIANBAO_IMPORT_WORKERS` threads (default: one fewer than the cores,
 *   at least 1), each with a heap limit; the rest waits in a queue of `NIANBAO_IMPORT_QUEUE`
 *   (default 8); `NIANBAO_IMPORT_TIMEOUT_S` is the deadline (default 15 s);
 * - a full queue is refused at once with a Chinese message (HTTP 429).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import Tinypool from 'tinypool';
import { appRoot } from '../app-root';
import { AppError } from '../errors';
import { ImportError } from './errors';
import { IMPORT_LIMITS } from './limits';
import type { ImportResult } from './types';
import type { ImportTask, ImportTaskResult } from './worker';

export type ImportPoolOptions = {
  /** Parsing threads. */
  threads?: number;
  /** Uploads that may wait for a thread; one more is refused. */
  maxQueue?: number;
  /** Old-generation heap of a worker (MB): a parse that needs more is stopped. */
  heapMb?: number;
  /** Deadline of one parse, from the call (waiting in the queue included). */
  timeoutMs?: number;
};

export type ImportPool = {
  readonly threads: number;
  readonly maxQueue: number;
  /** Parses in a worker; the deadline counts from the call (waiting in the queue included). */
  run(bytes: Uint8Array, fileName: string, opts?: { timeoutMs?: number }): Promise<ImportResult>;
  close(): Promise<void>;
};

function envInt(name: string): number | undefined {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function createImportPool(opts: ImportPoolOptions = {}): ImportPool {
  const threads = opts.threads ?? envInt('NIANBAO_IMPORT_WORKERS') ?? Math.max(1, availableParallelism() - 1);
  const maxQueue = opts.maxQueue ?? envInt('NIANBAO_IMPORT_QUEUE') ?? 8;
  const defaultTimeout = opts.timeoutMs ?? (envInt('NIANBAO_IMPORT_TIMEOUT_S') ?? IMPORT_LIMITS.timeoutMs / 1000) * 1000;
  const pool = new Tinypool({
    filename: path.join(appRoot(), 'lib/import/worker-entry.mjs'),
    minThreads: 0,
    maxThreads: threads,
    // A warm worker keeps pdfjs loaded for the next upload; an idle one goes away.
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: opts.heapMb ?? 512 },
  });
  // Counted here rather than by tinypool's maxQueue: a task it refuses for a full queue leaves
  // its abort listener armed, which later rejects a promise nobody holds.
  let inFlight = 0;
  return {
    threads,
    maxQueue,
    async run(bytes, fileName, { timeoutMs = defaultTimeout } = {}) {
      if (inFlight >= threads + maxQueue)
        throw new AppError('RATE_LIMITED', `正在解析的文件过多（${threads} 个正在解析，${maxQueue} 个在排队），请稍后再导入`);
      const own = bytes.slice(); // transferred to the worker; the caller keeps its copy
      const task: ImportTask = { bytes: own, fileName, timeoutMs };
      let res: ImportTaskResult;
      inFlight++;
      try {
        res = await pool.run(task, { signal: AbortSignal.timeout(timeoutMs), transferList: [own.buffer as ArrayBuffer] });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        if ((e as { name?: string }).name === 'AbortError' || (e as { name?: string }).name === 'TimeoutError')
          throw new ImportError(`文件解析超时（超过 ${Math.round(timeoutMs / 1000)} 秒），已停止。文件可能过大、过于复杂或已损坏；服务器繁忙时也请稍后再试`);
        // The worker died (heap limit, crash): the file's fault, not the server's.
        throw new ImportError('文件无法解析（解析时占用内存过多或已损坏），请确认是年度报告的 PDF、DOCX 或文本', { cause: msg });
      } finally {
        inFlight--;
      }
      if (!res.ok) throw res.rateLimited ? new AppError('RATE_LIMITED', res.message) : new ImportError(res.message, res.cause);
      return res.result;
    },
    close: () => pool.destroy(),
  };
}

let shared: ImportPool | undefined;

/** The server's pool, created on first use. */
export function importPool(): ImportPool {
  return (shared ??= createImportPool());
}

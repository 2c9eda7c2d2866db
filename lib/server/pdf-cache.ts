/**
 * Rendered PDFs, kept in the database so that every app instance on it shares them, and the
 * queue in front of the renderer that keeps one user from starving the others.
 *
 * A PDF is looked up by a key that hashes the report id, its version, final/draft, the
 * renderer fingerprint (packages, patches, render code, font files — lib/render/pdf/fingerprint)
 * and the document tree itself. A save makes a new version, so a new key: a cached PDF is never
 * stale, and the tree in the key covers what is printed without a save (the registered agency
 * name, a new template). Older versions of a report are dropped when a newer one is stored,
 * and the least recently used PDFs beyond the size bound go first.
 *
 * Before a render: a draft above DRAFT_PDF_MAX_CHARS is refused (a 492-page 「草稿」 PDF is a
 * mistake or an attack, never a preview anyone reads), and one owner may have at most
 * PDF_RENDERS_PER_OWNER renders queued or running; more answer 429 with Retry-After.
 */
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pdfCache } from '../db/schema';
import type { DocumentTree } from '../document/types';
import { AppError } from '../errors';
import { rendererFingerprint, sharedPdfPool, type PdfPool } from '../render/pdf';

/** Renders one owner (a user, a preview link) may have queued or running at once. */
export const PDF_RENDERS_PER_OWNER = 2;
/** Characters of text a draft PDF may hold: about 30 printed pages; a real report has 1 000–2 000 (the seeds). */
export const DRAFT_PDF_MAX_CHARS = 20_000;
/** Default bound of the cache (NIANBAO_PDF_CACHE_MB). */
export const DEFAULT_PDF_CACHE_MB = 256;
/** A hit refreshes `used_at` at most this often, so reading a PDF rarely writes. */
const TOUCH_AFTER_MS = 60_000;

export type PdfRequest = {
  reportId: string;
  version: number;
  final: boolean;
  doc: DocumentTree;
  /** Whose queue the render waits in: a user id, `link:<id>` for a preview link. */
  owner: string;
};

export type PdfCacheOptions = {
  pool?: PdfPool;
  /** Bound in bytes; default NIANBAO_PDF_CACHE_MB or DEFAULT_PDF_CACHE_MB. */
  maxBytes?: number;
  fingerprint?: string;
};

export type CachedPdf = { bytes: Buffer; hit: boolean };

/** Characters the document prints outside its fixed tables (headings, paragraphs, notes). */
export function documentTextLength(doc: DocumentTree): number {
  let n = 0;
  for (const b of doc.blocks) if (b.kind !== 'table') n += b.text.length;
  return n;
}

export function pdfCacheKey(req: Omit<PdfRequest, 'owner'>, fingerprint: string): string {
  const tree = createHash('sha256').update(JSON.stringify(req.doc)).digest('hex');
  return createHash('sha256')
    .update(JSON.stringify([req.reportId, req.version, req.final, fingerprint, tree]))
    .digest('hex');
}

export function configuredMaxBytes(): number {
  const mb = Number(process.env.NIANBAO_PDF_CACHE_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_PDF_CACHE_MB) * 1024 * 1024;
}

/**
 * Refuses (429, with Retry-After) a render for an owner who already has PDF_RENDERS_PER_OWNER
 * queued or running — a report's or the district insight's, they share the pool.
 */
export function admitPdfRender(pool: PdfPool, owner: string): void {
  const pending = pool.pending(owner);
  if (pending >= PDF_RENDERS_PER_OWNER) {
    const seconds = Math.max(2, Math.ceil(((pending + 1) * (pool.averageRenderMs() || 1000)) / 1000));
    throw new AppError('RATE_LIMITED', `您已有 ${pending} 份 PDF 正在生成，请等这些完成后再试（约 ${seconds} 秒）。`, {
      retryAfterSeconds: seconds,
    });
  }
}

// Two requests for the same PDF in one process share one render.
const inProgress = new Map<string, Promise<Buffer>>();

export async function cachedPdf(db: Db, req: PdfRequest, opts: PdfCacheOptions = {}): Promise<CachedPdf> {
  const fingerprint = opts.fingerprint ?? rendererFingerprint();
  const key = pdfCacheKey(req, fingerprint);
  const [row] = await db
    .select({ bytes: pdfCache.bytes, usedAt: pdfCache.usedAt })
    .from(pdfCache)
    .where(eq(pdfCache.key, key));
  if (row) {
    if (Date.now() - row.usedAt.getTime() > TOUCH_AFTER_MS) {
      await db.update(pdfCache).set({ usedAt: new Date() }).where(eq(pdfCache.key, key));
    }
    return { bytes: row.bytes, hit: true };
  }
  const running = inProgress.get(key);
  if (running) return { bytes: await running, hit: false };

  if (!req.final && documentTextLength(req.doc) > DRAFT_PDF_MAX_CHARS) {
    throw new AppError(
      'INVALID',
      `草稿正文约 ${documentTextLength(req.doc)} 字，超过草稿 PDF 的上限 ${DRAFT_PDF_MAX_CHARS} 字（约 30 页）：请删减正文后再生成 PDF；页面预览仍显示全文。`,
    );
  }
  const pool = opts.pool ?? sharedPdfPool();
  admitPdfRender(pool, req.owner);
  const render = pool.render(req.doc, { final: req.final }, req.owner);
  inProgress.set(key, render);
  try {
    const bytes = await render;
    await store(db, key, req, fingerprint, bytes, opts.maxBytes ?? configuredMaxBytes());
    return { bytes, hit: false };
  } finally {
    inProgress.delete(key);
  }
}

async function store(db: Db, key: string, req: PdfRequest, fingerprint: string, bytes: Buffer, maxBytes: number) {
  await db
    .insert(pdfCache)
    .values({ key, reportId: req.reportId, version: req.version, final: req.final, fingerprint, bytes, size: bytes.length })
    .onConflictDoNothing();
  // Only the current version of a report is ever printed again.
  await db.delete(pdfCache).where(and(eq(pdfCache.reportId, req.reportId), lt(pdfCache.version, req.version)));
  await evict(db, maxBytes);
}

/** Drops the least recently used PDFs until the cache holds at most `maxBytes`. */
export async function evict(db: Db, maxBytes: number): Promise<void> {
  await db.execute(sql`
    delete from pdf_cache where key in (
      select key from (
        select key, sum(size) over (order by used_at desc, key) as running from pdf_cache
      ) t where running > ${maxBytes}
    )`);
}

/** Bytes and entries held now (bench, tests). */
export async function pdfCacheStats(db: Db): Promise<{ entries: number; bytes: number }> {
  const [r] = await db
    .select({ entries: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${pdfCache.size}), 0)::bigint` })
    .from(pdfCache);
  return { entries: Number(r?.entries ?? 0), bytes: Number(r?.bytes ?? 0) };
}

/**
 * Rendered PDFs and final DOCX files, kept in the database so that every app instance on it
 * shares them, and the queue in front of the PDF renderer that keeps one user from starving the
 * others.
 *
 * A PDF is looked up by a key that hashes the report id, its version, final/draft, the
 * renderer fingerprint (packages, patches, render code, font files — lib/render/pdf/fingerprint)
 * and the document tree itself. A save makes a new version, so a new key: a cached PDF is never
 * stale, and the tree in the key covers what is printed without a save (the registered agency
 * name, a new template). Older versions of a report are dropped when a newer one is stored,
 * and the least recently used PDFs beyond the size bound go first.
 *
 * A final DOCX is kept in the same table (`format` 'docx', `cachedDocx`) under the same kind of
 * key with the DOCX renderer's fingerprint (lib/render/docx/fingerprint.ts): the approval's
 * background job makes it with the PDF, so 打包下载 of a province renders no Word file either
 * (63 ms each, 4 of the 5 minutes of 3 500 reports). A draft's DOCX is made on request and not
 * kept: it changes with every autosave, and nothing asks for it in bulk.
 *
 * Before a render: a draft above DRAFT_PDF_MAX_CHARS is refused (a 492-page 「草稿」 PDF is a
 * mistake or an attack, never a preview anyone reads), and one owner may have at most
 * PDF_RENDERS_PER_OWNER renders queued or running; more answer 429 with Retry-After.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pdfCache } from '../db/schema';
import type { DocumentTree } from '../document/types';
import { AppError } from '../errors';
import { rendererFingerprint, sharedPdfPool, type PdfPool } from '../render/pdf';
import { renderDocx } from '../render/docx';
import { docxRendererFingerprint } from '../render/docx/fingerprint';

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
  /** The DOCX renderer's fingerprint; default that of this process's code. */
  docxFingerprint?: string;
  /** How a missing final DOCX is made (tests: one that throws proves a kept one was used). */
  renderDocx?: (doc: DocumentTree) => Promise<Buffer>;
};

/** What a row of the table holds. */
export type KeptFormat = 'pdf' | 'docx';

export type CachedPdf = { bytes: Buffer; hit: boolean };

/** Characters the document prints outside its fixed tables (headings, paragraphs, notes). */
export function documentTextLength(doc: DocumentTree): number {
  let n = 0;
  for (const b of doc.blocks) if (b.kind !== 'table') n += b.text.length;
  return n;
}

/** The hash of the document tree in a key; a caller making both keys of a report hashes it once. */
export function treeDigest(doc: DocumentTree): string {
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex');
}

/** The row's key. A PDF's is what it was before DOCX files were kept, so kept PDFs stay valid. */
export function pdfCacheKey(req: Omit<PdfRequest, 'owner'>, fingerprint: string, format: KeptFormat = 'pdf', tree = treeDigest(req.doc)): string {
  const parts: unknown[] = [req.reportId, req.version, req.final, fingerprint, tree];
  if (format !== 'pdf') parts.push(format);
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
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

/**
 * The kept bytes under each of `keys` that has some, their use noted (at most once a minute):
 * one read for many (the package reads a few reports' PDFs and DOCX files at once).
 */
export async function keptFiles(db: Db, keys: string[]): Promise<Map<string, Buffer>> {
  if (!keys.length) return new Map();
  const rows = await db
    .select({ key: pdfCache.key, bytes: pdfCache.bytes, usedAt: pdfCache.usedAt })
    .from(pdfCache)
    .where(keys.length === 1 ? eq(pdfCache.key, keys[0]) : inArray(pdfCache.key, keys));
  const stale = rows.filter((r) => Date.now() - r.usedAt.getTime() > TOUCH_AFTER_MS).map((r) => r.key);
  if (stale.length) await db.update(pdfCache).set({ usedAt: new Date() }).where(inArray(pdfCache.key, stale));
  return new Map(rows.map((r) => [r.key, r.bytes]));
}

const readKept = async (db: Db, key: string) => (await keptFiles(db, [key])).get(key);

/** The keys a report version's final PDF and DOCX are kept under (with these options' fingerprints). */
export function finalKeys(req: Omit<PdfRequest, 'owner' | 'final'>, opts: PdfCacheOptions = {}, tree = treeDigest(req.doc)): { pdf: string; docx: string } {
  const full = { ...req, final: true };
  return {
    pdf: pdfCacheKey(full, opts.fingerprint ?? rendererFingerprint(), 'pdf', tree),
    docx: pdfCacheKey(full, opts.docxFingerprint ?? docxRendererFingerprint(), 'docx', tree),
  };
}

type Kept = { key: string; req: Omit<PdfRequest, 'owner'>; format: KeptFormat; fingerprint: string };

/**
 * The file kept under `k.key`, or `render()` — called only when no render of it runs in this
 * process, which then shares it — stored once done.
 */
async function keptOrRendered(db: Db, k: Kept, opts: PdfCacheOptions, render: () => Promise<Buffer>): Promise<CachedPdf> {
  const kept = await readKept(db, k.key);
  if (kept) return { bytes: kept, hit: true };
  const running = inProgress.get(k.key);
  if (running) return { bytes: await running, hit: false };
  const rendering = render();
  inProgress.set(k.key, rendering);
  try {
    const bytes = await rendering;
    await store(db, k, bytes, opts.maxBytes ?? configuredMaxBytes());
    return { bytes, hit: false };
  } finally {
    inProgress.delete(k.key);
  }
}

/** The final DOCX of a report version: the kept one, or rendered here (in this thread) and kept. */
export async function cachedDocx(db: Db, req: Omit<PdfRequest, 'owner' | 'final'>, opts: PdfCacheOptions = {}, tree?: string): Promise<CachedPdf> {
  const fingerprint = opts.docxFingerprint ?? docxRendererFingerprint();
  const full = { ...req, final: true };
  const render = opts.renderDocx ?? ((doc) => renderDocx(doc, { final: true }));
  return keptOrRendered(db, { key: pdfCacheKey(full, fingerprint, 'docx', tree), req: full, format: 'docx', fingerprint }, opts, () => render(req.doc));
}

export async function cachedPdf(db: Db, req: PdfRequest, opts: PdfCacheOptions = {}, tree?: string): Promise<CachedPdf> {
  const fingerprint = opts.fingerprint ?? rendererFingerprint();
  return keptOrRendered(db, { key: pdfCacheKey(req, fingerprint, 'pdf', tree), req, format: 'pdf', fingerprint }, opts, () => {
    if (!req.final && documentTextLength(req.doc) > DRAFT_PDF_MAX_CHARS) {
      throw new AppError(
        'INVALID',
        `草稿正文约 ${documentTextLength(req.doc)} 字，超过草稿 PDF 的上限 ${DRAFT_PDF_MAX_CHARS} 字（约 30 页）：请删减正文后再生成 PDF；页面预览仍显示全文。`,
      );
    }
    const pool = opts.pool ?? sharedPdfPool();
    admitPdfRender(pool, req.owner);
    return pool.render(req.doc, { final: req.final }, req.owner);
  });
}

async function store(db: Db, { key, req, format, fingerprint }: Kept, bytes: Buffer, maxBytes: number) {
  await db
    .insert(pdfCache)
    .values({ key, reportId: req.reportId, version: req.version, final: req.final, format, fingerprint, bytes, size: bytes.length })
    .onConflictDoNothing();
  // Only the current version of a report is ever printed again.
  await db.delete(pdfCache).where(and(eq(pdfCache.reportId, req.reportId), lt(pdfCache.version, req.version)));
  await evict(db, maxBytes);
}

/** Drops the least recently used PDFs and DOCX files until the cache holds at most `maxBytes`. */
export async function evict(db: Db, maxBytes: number): Promise<void> {
  await db.execute(sql`
    delete from pdf_cache where key in (
      select key from (
        select key, sum(size) over (order by used_at desc, key) as running from pdf_cache
      ) t where running > ${maxBytes}
    )`);
}

/** Bytes and entries held now, of one format or all (bench, tests). */
export async function pdfCacheStats(db: Db, format?: KeptFormat): Promise<{ entries: number; bytes: number }> {
  const [r] = await db
    .select({ entries: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${pdfCache.size}), 0)::bigint` })
    .from(pdfCache)
    .where(format ? eq(pdfCache.format, format) : undefined);
  return { entries: Number(r?.entries ?? 0), bytes: Number(r?.bytes ?? 0) };
}

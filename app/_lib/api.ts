import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import type { SessionUser } from '@/lib/auth/types';
import { currentUser } from './session';
import { isDatabaseUnavailable, logError } from '@/lib/log';
import { safeFileName } from '@/lib/validation';

const STATUS: Record<AppError['code'], number> = {
  // Services answer NOT_FOUND for what the user may not see at all, so a 403 never reveals existence.
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 400,
  RATE_LIMITED: 429,
};

/**
 * A JSON answer that is not cached. One under 1 KB (an autosave's 「saved, version N」, an
 * error) says `no-transform`, which `next start`'s compression honours: Next drops a route's
 * Content-Length, so the compression's own 1 KB threshold never applies and every answer went
 * through a new zlib stream — a visible share of an instance's CPU with 200 filers autosaving.
 */
export function jsonAnswer(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  const text = JSON.stringify(body);
  const small = Buffer.byteLength(text) < 1024;
  return new NextResponse(text, {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': small ? 'no-store, no-transform' : 'no-store', ...init.headers },
  });
}

export function jsonError(status: number, code: string, message: string, details?: unknown) {
  const headers: Record<string, string> = {};
  const retry = retryAfterSeconds(details);
  if (status === 429 && retry) headers['Retry-After'] = String(retry);
  return jsonAnswer({ error: { code, message, details } }, { status, headers });
}

/** The wait a RATE_LIMITED error asks for (`details.retryAfterSeconds`), for Retry-After. */
export function retryAfterSeconds(detailsOrError: unknown): number | undefined {
  const d = detailsOrError instanceof AppError ? detailsOrError.details : detailsOrError;
  const s = (d as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof s === 'number' && s > 0 ? Math.ceil(s) : undefined;
}

/**
 * Wraps a route handler: requires a session (401 otherwise), refuses cross-site writes, and
 * turns AppError into a JSON error with a Chinese message. Unexpected errors become a 500
 * that carries no detail, and are logged without the request's content.
 */
export function withUser<C>(handler: (req: Request, user: SessionUser, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && !isSameOrigin(req.headers.get('origin'), req.headers.get('host'))) {
      return jsonError(403, 'CROSS_SITE', '拒绝跨站请求');
    }
    try {
      // Inside the try: a database that is restarting fails the session lookup too, and must
      // get the same Chinese answer and a log line without the query's parameters (the token's hash).
      const user = await currentUser();
      if (!user) return jsonError(401, 'UNAUTHENTICATED', '登录已过期，请重新登录');
      return await handler(req, user, ctx);
    } catch (e) {
      if (e instanceof AppError) return jsonError(STATUS[e.code], e.code, e.message, e.details);
      if (e instanceof BodyTooLarge) return jsonError(413, 'TOO_LARGE', e.message);
      logError(`${req.method} ${new URL(req.url).pathname}`, e);
      if (isDatabaseUnavailable(e)) return jsonAnswer({ error: { code: 'UNAVAILABLE', message: '数据库暂时无法连接，请稍后重试' } }, { status: 503, headers: { 'Retry-After': '5' } });
      return jsonError(500, 'INTERNAL', '服务器内部错误，请稍后重试');
    }
  };
}

/**
 * A write is same-site when its Origin names this host. No Origin (an older browser, a script
 * with the session cookie of its own) is let through as before: SameSite=Lax already keeps the
 * cookie off cross-site POSTs. An Origin that is not a URL at all (`null` from a sandboxed
 * frame or a file://, garbage) is cross-site.
 */
export function isSameOrigin(origin: string | null, host: string | null): boolean {
  if (origin === null || host === null) return true;
  if (!URL.canParse(origin)) return false;
  return new URL(origin).host === host;
}

/** The body of a request, too large: answered 413 with this message. */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`请求内容过大（上限 ${maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`}）`);
    this.name = 'BodyTooLarge';
  }
}

/**
 * The request body, read with a limit counted as the bytes arrive: a declared Content-Length
 * over the limit is refused before reading, and a body without one (chunked) is cut off at the
 * limit, so a huge or endless upload never sits in memory. Every route that reads a body
 * reads it here.
 */
export async function readBody(req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await req.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(maxBytes);
  }
  if (!req.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** A JSON body with a size limit (see readBody). */
export async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const text = new TextDecoder().decode(await readBody(req, maxBytes));
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('INVALID', '请求内容不是有效的 JSON');
  }
}

/** A multipart form body with a size limit (see readBody), parsed once it is known to fit. */
export async function readForm(req: Request, maxBytes: number): Promise<FormData> {
  const bytes = await readBody(req, maxBytes);
  try {
    return await new Response(bytes, { headers: { 'Content-Type': req.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw new AppError('INVALID', '上传的内容无法读取，请重新选择文件');
  }
}

/** Content-Disposition with a UTF-8 file name (RFC 6266 / 5987) and an ASCII fallback. */
export function attachment(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const filename = safeFileName(name);
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A file a service made, as a download (or `inline`, for the browser's viewer); never cached. */
export function fileResponse(file: { bytes: Uint8Array; fileName: string; contentType: string }, disposition: 'attachment' | 'inline' = 'attachment'): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': attachment(file.fileName, disposition),
      'Content-Length': String(file.bytes.length),
      'Cache-Control': 'no-store',
    },
  });
}

import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import type { SessionUser } from '@/lib/auth/types';
import { currentUser } from './session';

const STATUS: Record<AppError['code'], number> = {
  // Services answer NOT_FOUND for what the user may not see at all, so a 403 never reveals existence.
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 400,
  RATE_LIMITED: 429,
};

export function jsonError(status: number, code: string, message: string, details?: unknown) {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  const retry = retryAfterSeconds(details);
  if (status === 429 && retry) headers['Retry-After'] = String(retry);
  return NextResponse.json({ error: { code, message, details } }, { status, headers });
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
 * that carries no detail.
 */
export function withUser<C>(handler: (req: Request, user: SessionUser, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const origin = req.headers.get('origin');
      const host = req.headers.get('host');
      if (origin && host && new URL(origin).host !== host) return jsonError(403, 'CROSS_SITE', '拒绝跨站请求');
    }
    const user = await currentUser();
    if (!user) return jsonError(401, 'UNAUTHENTICATED', '登录已过期，请重新登录');
    try {
      return await handler(req, user, ctx);
    } catch (e) {
      if (e instanceof AppError) return jsonError(STATUS[e.code], e.code, e.message, e.details);
      console.error(e);
      return jsonError(500, 'INTERNAL', '服务器内部错误，请稍后重试');
    }
  };
}

/** Reads a JSON body with a size limit, so a huge request cannot exhaust memory. */
export async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > maxBytes) throw new AppError('INVALID', `请求内容过大（上限 ${Math.round(maxBytes / 1024)} KB）`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError('INVALID', `请求内容过大（上限 ${Math.round(maxBytes / 1024)} KB）`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('INVALID', '请求内容不是有效的 JSON');
  }
}

/** Content-Disposition with a UTF-8 file name (RFC 6266 / 5987) and an ASCII fallback. */
export function attachment(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

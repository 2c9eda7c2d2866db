/**
 * GET /healthz — {status, database, pdfWorkers, version}: 200 when the database answers, 503
 * when not (lib/server/health.ts). Who: anyone, no session; no report data. Each client
 * address may ask HEALTHZ_PER_MINUTE times a minute (429 with Retry-After beyond).
 */
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/http/client-address';
import { createRateLimiter } from '@/lib/http/rate-limit';
import { sharedPdfPool } from '@/lib/render/pdf';
import { createHealthCheck } from '@/lib/server/health';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const HEALTHZ_PER_MINUTE = 60;
const limiter = createRateLimiter({ limit: HEALTHZ_PER_MINUTE, windowMs: 60_000 });
const health = createHealthCheck({ db: getDb, pool: sharedPdfPool });
const HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

export async function GET(req: Request): Promise<Response> {
  const taken = limiter.take(clientAddress(req.headers, env().trustProxy));
  if (!taken.ok) {
    return new Response(JSON.stringify({ status: 'rate-limited' }), { status: 429, headers: { ...HEADERS, 'Retry-After': String(taken.retryAfterS) } });
  }
  const h = await health();
  return new Response(JSON.stringify(h), { status: h.status === 'ok' ? 200 : 503, headers: HEADERS });
}

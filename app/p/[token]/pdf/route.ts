/**
 * GET /p/<token>/pdf[?view=1] — the shared report as its PDF, to save or (view=1) to view (「草稿」 watermark until approved). Who:
 * anyone holding a live token; anything else is the same plain 404. Renders in the PDF pool.
 */
import { getDb } from '@/lib/db/client';
import { openPreviewLink } from '@/lib/server/preview-links';
import { documentFileName } from '@/lib/document';
import { cachedPdf } from '@/lib/server/pdf-cache';
import { AppError } from '@/lib/errors';
import { attachment, retryAfterSeconds } from '../../../_lib/api';
import { SHARED_HEADERS } from '../../shared-headers';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const shared = await openPreviewLink(await getDb(), token);
  if (!shared) return new Response('找不到该页面', { status: 404, headers: { ...SHARED_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
  const { doc } = shared;
  let bytes: Buffer;
  try {
    const final = shared.status === 'approved';
    bytes = (await cachedPdf(await getDb(), { reportId: shared.reportId, version: shared.version, final, doc, owner: `link:${shared.linkId}` })).bytes;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const headers: Record<string, string> = { ...SHARED_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' };
    const retry = retryAfterSeconds(e);
    if (retry) headers['Retry-After'] = String(retry);
    return new Response(e.message, { status: e.code === 'RATE_LIMITED' ? 429 : 400, headers });
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      ...SHARED_HEADERS,
      'Content-Type': 'application/pdf',
      // ?view=1 (「查看 PDF」): shown in the browser's viewer; otherwise saved as a file.
      'Content-Disposition': attachment(documentFileName(doc, 'pdf'), new URL(req.url).searchParams.get('view') === '1' ? 'inline' : 'attachment'),
      'Content-Length': String(bytes.length),
    },
  });
}

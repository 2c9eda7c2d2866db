/**
 * GET /p/<token>/pdf[?view=1] — the shared report as its PDF, to save or (view=1) to view (「草稿」 watermark until approved). Who:
 * anyone holding a live token; anything else is the same plain 404. Renders in the PDF pool.
 */
import { getDb } from '@/lib/db/client';
import { renderSharedPdf, type RenderedFile } from '@/lib/server/documents';
import { AppError } from '@/lib/errors';
import { attachment, retryAfterSeconds } from '../../../_lib/api';
import { SHARED_HEADERS } from '../../shared-headers';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const notFound = () => new Response('找不到该页面', { status: 404, headers: { ...SHARED_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  let file: RenderedFile | null;
  try {
    file = await renderSharedPdf(await getDb(), token);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const headers: Record<string, string> = { ...SHARED_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' };
    const retry = retryAfterSeconds(e);
    if (retry) headers['Retry-After'] = String(retry);
    return new Response(e.message, { status: e.code === 'RATE_LIMITED' ? 429 : 400, headers });
  }
  if (!file) return notFound();
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      ...SHARED_HEADERS,
      'Content-Type': file.contentType,
      // ?view=1 (「查看 PDF」): shown in the browser's viewer; otherwise saved as a file.
      'Content-Disposition': attachment(file.fileName, new URL(req.url).searchParams.get('view') === '1' ? 'inline' : 'attachment'),
      'Content-Length': String(file.bytes.length),
    },
  });
}

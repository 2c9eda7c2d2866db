/**
 * GET /p/<token>/pdf — the shared report as its PDF (「草稿」 watermark until approved). Who:
 * anyone holding a live token; anything else is the same plain 404. Renders in the PDF pool.
 */
import { getDb } from '@/lib/db/client';
import { openPreviewLink } from '@/lib/server/preview-links';
import { getTemplate } from '@/lib/template/registry';
import { buildDocument, documentFileName } from '@/lib/document';
import { renderPdf } from '@/lib/render/pdf';
import { attachment } from '../../../_lib/api';
import { SHARED_HEADERS } from '../../shared-headers';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const shared = await openPreviewLink(await getDb(), token);
  if (!shared) return new Response('找不到该页面', { status: 404, headers: { ...SHARED_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
  const doc = buildDocument(getTemplate(shared.edition), shared.content);
  const bytes = await renderPdf(doc, { final: shared.status === 'approved' });
  return new Response(new Uint8Array(bytes), {
    headers: {
      ...SHARED_HEADERS,
      'Content-Type': 'application/pdf',
      'Content-Disposition': attachment(documentFileName(doc, 'pdf')),
      'Content-Length': String(bytes.length),
    },
  });
}

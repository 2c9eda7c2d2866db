import { getDb } from '@/lib/db/client';
import { renderReportFile, type DocumentKind } from '@/lib/server/documents';
import { fileResponse, withUser } from './api';

type Ctx = { params: Promise<{ id: string }> };

/** GET handler that streams a report as PDF or DOCX, named as the printed title. */
export function documentRoute(kind: DocumentKind) {
  return withUser<Ctx>(async (req, user, { params }) => {
    const { id } = await params;
    // ?inline=1 opens the PDF in the browser's viewer (a reviewer reading it as printed).
    const inline = new URL(req.url).searchParams.get('inline') === '1';
    const file = await renderReportFile(await getDb(), user, id, kind);
    return fileResponse(file, inline ? 'inline' : 'attachment');
  });
}

/**
 * /p/<token> — a report read-only, as it prints, for someone without an account (a leader the
 * reviewer sent the link to). Who: anyone holding a live token. An unknown, expired or revoked
 * token gets the same 404. Touches: preview_links (read), reports (read).
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { openPreviewLink } from '@/lib/server/preview-links';
import { ReportPreview } from '@/components/preview/report-preview';
import { STATUS_NAMES } from '@/lib/review/transitions';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: '报告预览',
  robots: { index: false, follow: false, nocache: true },
  referrer: 'no-referrer',
};

export default async function SharedReportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await openPreviewLink(await getDb(), token);
  if (!shared) notFound();
  const { doc } = shared;
  const isDraft = shared.status !== 'approved';
  return (
    <main>
      <header className="shared-head">
        <h1>
          {shared.agencyName} {shared.year} 年度报告 · 只读预览
        </h1>
        <span className="status" data-testid="shared-status">
          {STATUS_NAMES[shared.status]}
        </span>
        {/* On a phone the page below is reflowed for reading; the PDF is the printed layout. */}
        <a className="btn primary" href={`/p/${token}/pdf?view=1`} target="_blank" rel="noreferrer">
          查看 PDF
        </a>
        <a className="btn" href={`/p/${token}/pdf`} rel="noreferrer">
          下载 PDF
        </a>
      </header>
      <ReportPreview doc={doc} isDraft={isDraft} />
    </main>
  );
}

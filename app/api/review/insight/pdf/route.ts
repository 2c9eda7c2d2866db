/**
 * GET /api/review/insight/pdf?year=YYYY&include=approved|submitted&rank=KEY&agency=ID — the insight page
 * as a print-ready PDF (A4, GB/T 9704 margins, embedded fonts, charts as vectors), rendered in
 * the PDF worker pool. Who: reviewers and admins. Reads: agencies, reports, report_events,
 * report_deadlines.
 */
import { getDb } from '@/lib/db/client';
import { exportInsightPdf } from '@/lib/server/insight-pdf';
import { fileResponse, withUser } from '../../../../_lib/api';

export const runtime = 'nodejs';

export const GET = withUser(async (req, user) => {
  const params = new URL(req.url).searchParams;
  const query = { year: params.get('year') ?? undefined, include: params.get('include') ?? undefined, rank: params.get('rank') ?? undefined, agency: params.get('agency') ?? undefined };
  const file = await exportInsightPdf(await getDb(), user, query);
  return fileResponse(file);
});

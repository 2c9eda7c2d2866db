/**
 * GET /api/review/insight/xlsx?year=YYYY&include=approved|submitted&agency=ID — the insight page's
 * indicator table (with every unit's values and the risk flags) as XLSX. Who: reviewers and
 * admins. Reads: agencies, reports, report_events, report_deadlines.
 */
import { getDb } from '@/lib/db/client';
import { exportInsightXlsx } from '@/lib/server/insight';
import { fileResponse, withUser } from '../../../../_lib/api';

export const GET = withUser(async (req, user) => {
  const params = new URL(req.url).searchParams;
  const query = { year: params.get('year') ?? undefined, include: params.get('include') ?? undefined, agency: params.get('agency') ?? undefined };
  const file = await exportInsightXlsx(await getDb(), user, query);
  return fileResponse(file);
});

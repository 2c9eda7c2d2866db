/**
 * GET /api/summary?year=YYYY&include=approved|submitted&format=json|csv|xlsx[&agency=<id>] — the
 * summary of tables 二/三/四 over the agencies below the user's own (or below `agency`, one in
 * the user's scope): JSON (default) for
 * scripts, CSV or XLSX as a download. Who: reviewers and admins. Reads: agencies, reports.
 */
import { NextResponse } from 'next/server';
import { z } from '@/lib/validation';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { districtSummary, exportSummary } from '@/lib/server/summary';
import { summaryTitle } from '@/lib/summary/district-rows';
import { fileResponse, withUser } from '../../_lib/api';

const ZFormat = z.enum(['json', 'csv', 'xlsx']).default('json');

export const GET = withUser(async (req, user) => {
  const params = new URL(req.url).searchParams;
  const format = ZFormat.safeParse(params.get('format') ?? undefined);
  if (!format.success) throw new AppError('INVALID', '导出格式只能是 csv 或 xlsx');
  const query = { year: params.get('year') ?? undefined, include: params.get('include') ?? undefined, agency: params.get('agency') ?? undefined };
  const db = await getDb();
  if (format.data === 'json') {
    const summary = await districtSummary(db, user, query);
    return NextResponse.json({ ...summary, title: summaryTitle(summary) }, { headers: { 'Cache-Control': 'no-store' } });
  }
  const file = await exportSummary(db, user, query, format.data);
  return fileResponse(file);
});

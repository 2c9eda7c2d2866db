/**
 * POST /api/reports/:id/transition — { transition: submit|return|approve, from, version, reason? }.
 * Who: the filer of the agency (submit), the district's reviewer (return, approve). Submission is
 * refused with the list of errors while a hard check fails. Touches: reports, report_events.
 */
import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { transitionReport } from '@/lib/server/review';
import { readJson, withUser } from '../../../../_lib/api';

type Ctx = { params: Promise<{ id: string }> };

export const POST = withUser<Ctx>(async (req, user, { params }) => {
  const { id } = await params;
  const result = await transitionReport(await getDb(), user, id, await readJson(req, 16 * 1024));
  return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
});

/**
 * POST /api/reports/:id/fill-blanks — { table, version }: 「未填写的单元格填 0」 for one table.
 * Who: whoever may edit the report. Touches: reports, report_versions, report_events (history).
 */
import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { fillBlanksWithZero } from '@/lib/server/fill-blanks';
import { readJson, withUser } from '../../../../_lib/api';

type Ctx = { params: Promise<{ id: string }> };

export const POST = withUser<Ctx>(async (req, user, { params }) => {
  const { id } = await params;
  const result = await fillBlanksWithZero(await getDb(), user, id, await readJson(req, 1024));
  return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
});

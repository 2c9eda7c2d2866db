/**
 * GET /api/reports/:id/comments — the review comments. Who: anyone who may read the report.
 * POST /api/reports/:id/comments — { section, cell?, body }. Who: the district's reviewer.
 * Touches: report_comments.
 */
import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { addComment, listComments } from '@/lib/server/review';
import { readJson, withUser } from '../../../../_lib/api';

type Ctx = { params: Promise<{ id: string }> };

export const GET = withUser<Ctx>(async (_req, user, { params }) => {
  const { id } = await params;
  return NextResponse.json(await listComments(await getDb(), user, id), { headers: { 'Cache-Control': 'no-store' } });
});

export const POST = withUser<Ctx>(async (req, user, { params }) => {
  const { id } = await params;
  const created = await addComment(await getDb(), user, id, await readJson(req, 16 * 1024));
  return NextResponse.json(created, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});

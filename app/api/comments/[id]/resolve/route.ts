/**
 * POST /api/comments/:id/resolve — mark a review comment as resolved.
 * Who: the filer of the report's agency, or the district's reviewer. Touches: report_comments.
 */
import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { resolveComment } from '@/lib/server/review';
import { withUser } from '../../../../_lib/api';

type Ctx = { params: Promise<{ id: string }> };

export const POST = withUser<Ctx>(async (_req, user, { params }) => {
  const { id } = await params;
  await resolveComment(await getDb(), user, id);
  return NextResponse.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
});

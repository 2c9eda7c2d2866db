/**
 * POST /api/preview-links/:id/revoke — ends a preview link now. Who: a reviewer with its report
 * in scope (not only the one who created it). Touches: preview_links.
 */
import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { revokePreviewLink } from '@/lib/server/preview-links';
import { withUser } from '../../../../_lib/api';

type Ctx = { params: Promise<{ id: string }> };

export const POST = withUser<Ctx>(async (_req, user, { params }) => {
  const { id } = await params;
  await revokePreviewLink(await getDb(), user, id);
  return NextResponse.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
});

/**
 * GET /api/reports/:id/preview-links — the report's read-only preview links (never their tokens).
 * POST /api/reports/:id/preview-links — { days? } (1–30, default 7): a new link; its token is in
 * this answer only. Who: a reviewer with the report in scope. Touches: preview_links.
 */
import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { createPreviewLink, listPreviewLinks } from '@/lib/server/preview-links';
import { readJson, withUser } from '../../../../_lib/api';

type Ctx = { params: Promise<{ id: string }> };

const NO_STORE = { 'Cache-Control': 'no-store' };

export const GET = withUser<Ctx>(async (_req, user, { params }) => {
  const { id } = await params;
  return NextResponse.json(await listPreviewLinks(await getDb(), user, id), { headers: NO_STORE });
});

export const POST = withUser<Ctx>(async (req, user, { params }) => {
  const { id } = await params;
  const created = await createPreviewLink(await getDb(), user, id, await readJson(req, 1024));
  return NextResponse.json(created, { status: 201, headers: NO_STORE });
});

/**
 * POST /api/reports — create a report: { agencyId, year, content?, fromLastYear? }. `content` is
 * an imported report (the import review's 「导入为草稿」). Who: a filer for their own office, an
 * admin for any office below them. Answers 409 with the existing report's id when the year exists.
 */
import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { createReport } from '@/lib/server/reports';
import { readJson, withUser } from '../../_lib/api';

export const POST = withUser(async (req, user) => {
  const body = (await readJson(req, 2 * 1024 * 1024)) as Record<string, unknown>;
  const created = await createReport(await getDb(), user, {
    agencyId: String(body?.agencyId ?? ''),
    year: Number(body?.year),
    fromLastYear: body?.fromLastYear === true,
    content: body?.content,
  });
  return NextResponse.json(created, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});

/**
 * GET /api/reports/:id — the report with its version. Who: anyone who may read it.
 * PUT /api/reports/:id — autosave a draft ({ baseVersion, content }). Who: a user who may edit
 * it. A save from a stale copy answers 409 with the newer version's details. Touches: reports,
 * report_versions.
 */
import { NextResponse } from 'next/server';
import { versionNumber, z } from '@/lib/validation';
import { getDb } from '@/lib/db/client';
import { getReport, saveReport } from '@/lib/server/reports';
import { AppError } from '@/lib/errors';
import { jsonAnswer, readJson, withUser } from '../../../_lib/api';

type Ctx = { params: Promise<{ id: string }> };

const ZSaveBody = z.object({
  baseVersion: versionNumber(),
  content: z.unknown(),
});

/** A full report is about 30 KB; text parts are capped at 20 000 characters each. */
const MAX_SAVE_BYTES = 1024 * 1024;

export const GET = withUser<Ctx>(async (_req, user, { params }) => {
  const { id } = await params;
  const record = await getReport(await getDb(), user, id);
  return NextResponse.json(record, { headers: { 'Cache-Control': 'no-store' } });
});

export const PUT = withUser<Ctx>(async (req, user, { params }) => {
  const { id } = await params;
  const parsed = ZSaveBody.safeParse(await readJson(req, MAX_SAVE_BYTES));
  if (!parsed.success) throw new AppError('INVALID', `保存请求格式不正确：${parsed.error.issues[0]?.message ?? ''}`);
  const result = await saveReport(await getDb(), user, id, {
    baseVersion: parsed.data.baseVersion,
    content: parsed.data.content,
  });
  if (!result.ok) {
    return jsonAnswer({ error: { code: 'STALE', message: '报告已在别处更新，本页的修改尚未保存', details: result.conflict } }, { status: 409 });
  }
  return jsonAnswer(result);
});

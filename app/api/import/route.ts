/**
 * POST /api/import — multipart form with `file` (PDF, DOCX, text or nianbao JSON, ≤ 20 MB).
 * Answers what the importer recognised: the report, findings (what, where, how sure) and the
 * source lines. Stores nothing. Who: a user who may create reports.
 */
import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { IMPORT_LIMITS } from '@/lib/import';
import { previewImport } from '@/lib/server/imports';
import { readForm, withUser } from '../../_lib/api';

export const runtime = 'nodejs';

export const POST = withUser(async (req, user) => {
  // The form adds a few KB of its own around the file; counted while the upload arrives.
  const file = (await readForm(req, IMPORT_LIMITS.maxBytes + 64 * 1024)).get('file');
  if (!(file instanceof File)) throw new AppError('INVALID', '请选择要导入的文件');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await previewImport(await getDb(), user, { bytes, name: file.name });
  return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
});

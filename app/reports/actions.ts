'use server';
/**
 * Server action: create this year's report for an agency. Who: a filer for their own office,
 * an admin for any office. Touches: reports, report_versions.
 */
import { redirect } from 'next/navigation';
import { z } from '@/lib/validation';
import { getDb } from '@/lib/db/client';
import { createReport } from '@/lib/server/reports';
import { AppError } from '@/lib/errors';
import { internalError } from '@/lib/log';
import { currentUser } from '../_lib/session';

export type CreateState = { message: string | null; existingId?: string };

const ZCreate = z.object({
  agencyId: z.string().min(1, '请选择机关').max(64),
  year: z.coerce.number().int('年度须为整数').min(2021, '本格式适用于 2021 年度及以后的报告').max(2100, '年度无效'),
  fromLastYear: z.boolean(),
});

export async function createReportAction(_prev: CreateState, form: FormData): Promise<CreateState> {
  const user = await currentUser();
  if (!user) redirect('/login');
  const parsed = ZCreate.safeParse({ agencyId: form.get('agencyId'), year: form.get('year'), fromLastYear: form.get('fromLastYear') === 'on' });
  if (!parsed.success) return { message: parsed.error.issues[0]?.message ?? '输入有误' };
  let id: string;
  try {
    ({ id } = await createReport(await getDb(), user, parsed.data));
  } catch (e) {
    if (e instanceof AppError) {
      const existing = (e.details as { id?: string } | undefined)?.id;
      return { message: e.message, existingId: e.code === 'CONFLICT' ? existing : undefined };
    }
    throw internalError('createReportAction', e);
  }
  redirect(`/reports/${id}`);
}

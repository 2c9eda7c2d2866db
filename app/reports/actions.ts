'use server';
/**
 * Server action: create this year's report for an agency. Who: a filer for their own office,
 * an admin for any office. Touches: reports, report_versions.
 */
import { redirect } from 'next/navigation';
import { z } from '@/lib/validation';
import { getDb } from '@/lib/db/client';
import { createReport, ZCreateReport } from '@/lib/server/reports';
import { AppError } from '@/lib/errors';
import { internalError } from '@/lib/log';
import { currentUser } from '../_lib/session';
import { reportYear } from '@/lib/report/schema';

/** `values`: what was submitted, so a refused form shows it again (React resets a form after its action). */
export type CreateState = { message: string | null; existingId?: string; values?: { agencyId: string; year: string; fromLastYear: boolean } };

/** The service's input, with the year as a form sends it (text). */
const ZCreateForm = ZCreateReport.pick({ agencyId: true, fromLastYear: true }).extend({ year: reportYear(z.coerce.number()) });

export async function createReportAction(_prev: CreateState, form: FormData): Promise<CreateState> {
  const user = await currentUser();
  if (!user) redirect('/login');
  const values = { agencyId: String(form.get('agencyId') ?? ''), year: String(form.get('year') ?? ''), fromLastYear: form.get('fromLastYear') === 'on' };
  const parsed = ZCreateForm.safeParse(values);
  if (!parsed.success) return { message: parsed.error.issues[0]?.message ?? '输入有误', values };
  let id: string;
  try {
    ({ id } = await createReport(await getDb(), user, parsed.data));
  } catch (e) {
    if (e instanceof AppError) {
      const existing = (e.details as { id?: string } | undefined)?.id;
      return { message: e.message, existingId: e.code === 'CONFLICT' ? existing : undefined, values };
    }
    throw internalError('createReportAction', e);
  }
  redirect(`/reports/${id}`);
}

'use server';
/** Server action: set the district's deadline for a year. Who: reviewers and admins. Touches: report_deadlines. */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { setDeadline } from '@/lib/server/review';
import { AppError } from '@/lib/errors';
import { internalError } from '@/lib/log';
import { currentUser } from '../_lib/session';

export type DeadlineState = { message: string | null };

export async function setDeadlineAction(_prev: DeadlineState, form: FormData): Promise<DeadlineState> {
  const user = await currentUser();
  if (!user) redirect('/login');
  try {
    await setDeadline(await getDb(), user, { year: Number(form.get('year')), dueDate: String(form.get('dueDate') ?? '') });
  } catch (e) {
    if (e instanceof AppError) return { message: e.message };
    throw internalError('setDeadlineAction', e);
  }
  revalidatePath('/review');
  return { message: '截止日期已保存' };
}

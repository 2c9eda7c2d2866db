import { notFound } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { getReport } from '@/lib/server/reports';
import { AppError } from '@/lib/errors';
import { TopBar } from '@/components/top-bar';
import { ReportEditor } from '@/components/editor/report-editor';
import { requireUser } from '../../_lib/session';

export const metadata = { title: '填报' };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  let record;
  try {
    record = await getReport(await getDb(), user, id);
  } catch (e) {
    if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) notFound();
    throw e;
  }
  return (
    <>
      <TopBar user={user} />
      <ReportEditor record={record} />
    </>
  );
}

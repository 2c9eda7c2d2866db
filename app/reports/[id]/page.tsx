import { notFound } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { getLastYearReport, getReport } from '@/lib/server/reports';
import { AppError } from '@/lib/errors';
import { TopBar } from '@/app/_lib/top-bar';
import { ReportEditor } from '@/components/editor/report-editor';
import { requireUser } from '../../_lib/session';
import { printedDocument } from '@/lib/server/printed';
import { reportFonts } from '@/lib/server/documents';
import { listComments, reportTimeline } from '@/lib/server/review';
import type { FontUse } from '@/components/preview/font-note';

const ROLE_NAMES: Record<string, string> = { title: '标题', heading1: '一级标题', heading2: '二级标题', body: '正文', table: '表格', pageNumber: '页码' };

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
  const db = await getDb();
  const [comments, timeline, lastYear] = await Promise.all([
    listComments(db, user, id),
    reportTimeline(db, user, id),
    getLastYearReport(db, user, record),
  ]);
  const fonts: FontUse[] = (await reportFonts(printedDocument(record))).map((f) => ({
    role: f.role,
    roleName: ROLE_NAMES[f.role] ?? f.role,
    official: f.official,
    used: f.used,
    isSubstitute: f.isSubstitute,
    fallback: f.fallbackChars.map((c) => c.char),
  }));
  return (
    <>
      <TopBar user={user} />
      <ReportEditor record={record} fonts={fonts} comments={comments} timeline={timeline} lastYear={lastYear?.content ?? null} />
    </>
  );
}

/**
 * /review/links/:id — the read-only preview links of one report (create, copy, revoke).
 * Who: a reviewer with the report in scope; anyone else gets the report's 404.
 */
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { getReport } from '@/lib/server/reports';
import { can, scopeOf } from '@/lib/auth/permissions';
import { TopBar } from '@/app/_lib/top-bar';
import { PreviewLinks } from '@/components/review/preview-links';
import { STATUS_NAMES } from '@/lib/review/transitions';
import { requireUser } from '../../../_lib/session';
import { orNotFound } from '@/app/_lib/not-found';

export const metadata = { title: '预览链接' };

export default async function PreviewLinksPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const db = await getDb();
  const record = await orNotFound(getReport(db, user, id));
  if (!can(user, 'report.share', record, await scopeOf(db, user))) notFound();
  return (
    <>
      <TopBar user={user} />
      <main className="page">
        <section className="card">
          <p>
            <Link href={`/reports/${id}`}>← 返回报告</Link>
          </p>
          <h1>
            {record.agencyName} {record.year} 年度报告 <span className="status">{STATUS_NAMES[record.status]}</span>
          </h1>
          <PreviewLinks reportId={id} />
        </section>
      </main>
    </>
  );
}
